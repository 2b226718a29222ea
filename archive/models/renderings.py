"""CitationRendering: what a citation style made of one CSL item, kept for good.

citeproc-py takes 10–20 ms to render one citation, and a page shows six (Chicago, MLA and APA, for
the record and for the version). A published version never changes, so its renderings are made once,
when it is published, and read back by digest: the key is a SHA-256 of exactly what the rendering was
made from (the style, the CSL item and archive.citations.RENDERING), so a changed input, setting or
style simply misses and is rendered afresh. Nothing here can go stale; rows no version asks for any
more are harmless.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CitationRendering(models.Model):
    digest = models.CharField(_("digest"), max_length=64, primary_key=True)
    html = models.TextField(_("HTML"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("citation rendering")
        verbose_name_plural = _("citation renderings")

    def __str__(self) -> str:
        return self.digest
