from django.urls import path

from dichtbij.regions import views

app_name = "regions"

urlpatterns = [
    path("", views.MyRegionView.as_view(), name="mine"),
]
