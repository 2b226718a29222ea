"""The public reading room's URLs (namespace "archive")."""

app_name = "archive"

urlpatterns: list = []
