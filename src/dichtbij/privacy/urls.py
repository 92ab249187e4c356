from django.urls import path

from dichtbij.privacy import emergency_access, views

app_name = "privacy"

urlpatterns = [
    path("auditlog/", views.AuditLogView.as_view(), name="audit_log"),
    path("auditlog/export.csv", views.AuditLogExportView.as_view(), name="audit_log_export"),
    path(
        "noodtoegang/",
        emergency_access.EmergencyAccessListView.as_view(),
        name="emergency_access",
    ),
]
