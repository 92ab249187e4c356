from django.urls import path

from dichtbij.privacy import api

urlpatterns = [
    path("audit-events", api.AuditEventListView.as_view(), name="api-audit-event-list"),
]
