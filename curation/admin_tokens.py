"""Personal API tokens in the admin: each user creates, names and revokes their own; administrators see all.

The key is shown once, on the page that follows its creation, and never stored: only its SHA-256
hash and its first characters (to tell tokens apart) are kept (curation.models.ApiToken). Tokens are
revoked rather than deleted, so the list keeps a record of every key that was ever valid.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from curation import permissions
from curation.models import ApiToken

# Set on the request that created a token: the key, for the one page that shows it.
NEW_KEY_ATTRIBUTE = "_archive_new_api_key"
DETAILS = ["key_prefix", "user", "created_at", "expires_at", "last_used_at", "revoked_at"]


class ApiTokenForm(forms.ModelForm):
    revoke = forms.BooleanField(
        label=gettext_lazy("Revoke this token"),
        required=False,
        help_text=gettext_lazy("A revoked token is refused from the next request on; this cannot be undone."),
    )

    class Meta:
        model = ApiToken
        fields = ["name", "expires_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = ["name", "key_prefix", "user", "created_at", "expires_at", "last_used_at", "state"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    actions = ["revoke_selected"]

    # Who sees what: every translator and editor their own tokens; administrators everyone's.

    def get_queryset(self, request: HttpRequest):
        tokens = super().get_queryset(request)
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.has_role(request.user)

    def has_view_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return self._may_manage(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.has_role(request.user)

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return self._may_manage(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def _may_manage(self, request: HttpRequest, token: ApiToken | None) -> bool:
        if not permissions.has_role(request.user):
            return False
        return token is None or request.user.is_superuser or token.user_id == request.user.pk

    # The form: a name and an expiry to create; afterwards the name, and revoking.

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        if obj is None:
            return ["name", "expires_at"]
        return ["name", *DETAILS, *([] if obj.is_revoked else ["revoke"])]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        return [] if obj is None else DETAILS

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        if not change:
            obj.user = request.user
            setattr(request, NEW_KEY_ATTRIBUTE, obj.set_new_key())
        elif form.cleaned_data.get("revoke") and not obj.is_revoked:
            obj.revoked_at = timezone.now()
        super().save_model(request, obj, form, change)

    def response_add(self, request: HttpRequest, obj: ApiToken, post_url_continue=None):
        """The one page that shows the key (template admin/curation/apitoken/created.html)."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Your new API token"),
            "token": obj,
            "key": getattr(request, NEW_KEY_ATTRIBUTE),
        }
        return TemplateResponse(request, "admin/curation/apitoken/created.html", context)

    # Columns and actions

    @admin.display(description=gettext_lazy("key"), ordering="prefix")
    def key_prefix(self, token: ApiToken) -> str:
        return f"{token.prefix}…"

    @admin.display(description=gettext_lazy("state"))
    def state(self, token: ApiToken) -> str:
        if token.is_revoked:
            return _("revoked")
        return _("expired") if token.is_expired() else _("active")

    @admin.action(description=gettext_lazy("Revoke the selected tokens"), permissions=["change"])
    def revoke_selected(self, request: HttpRequest, queryset) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        message = ngettext("Revoked %(count)d token.", "Revoked %(count)d tokens.", count) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)
