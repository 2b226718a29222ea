"""Signals the archive sends, so that other parts (the search index) follow what is public
without the archive knowing about them."""

from django.dispatch import Signal

# A record's current published version changed: `version` is the version that became current on
# publishing, or None when the record was withdrawn. Sent with `document` and `version`, by
# PublishedVersion.objects.move_current, inside its transaction: receivers' writes commit or roll
# back with the move.
current_version_changed = Signal()
