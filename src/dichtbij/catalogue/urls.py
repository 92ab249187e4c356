"""URLs of the hulpwijzer (public), the professionals' sociale kaart and its management.

Included at ``/hulpwijzer/``.
"""

from django.urls import URLPattern, URLResolver, path

from dichtbij.catalogue import views

app_name = "catalogue"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.SearchView.as_view(), name="search"),
    path("sociale-kaart/", views.ProfessionalSearchView.as_view(), name="pro_search"),
    path(
        "sociale-kaart/<uuid:pk>/",
        views.ProfessionalServiceView.as_view(),
        name="pro_service",
    ),
    path("beheer/", views.ManageListView.as_view(), name="manage_list"),
    path("beheer/<uuid:pk>/", views.ManageEditView.as_view(), name="manage_edit"),
    path(
        "beheer/<uuid:pk>/verouderd/",
        views.ManageOutdatedView.as_view(),
        name="manage_outdated",
    ),
    path(
        "beheer/<uuid:pk>/gecontroleerd/",
        views.ManageCheckedView.as_view(),
        name="manage_checked",
    ),
    path("<uuid:pk>/", views.ServiceView.as_view(), name="service"),
]
