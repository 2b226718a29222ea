"""Authority records: the people, places, subjects, collections, repositories and donors that records link to."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from archive.dates import validate_edtf

wikidata_validator = RegexValidator(r"^Q[1-9]\d*$", _('A Wikidata identifier looks like "Q1234".'))
viaf_validator = RegexValidator(r"^\d{1,22}$", _('A VIAF identifier is digits only, e.g. "27063124".'))
lcnaf_validator = RegexValidator(
    r"^n[abor]?\d{8,10}$", _('An LCNAF identifier looks like "n79021400" or "nr94012345".')
)
geonames_validator = RegexValidator(r"^\d{1,12}$", _('A GeoNames identifier is digits only, e.g. "524901".'))


class Person(models.Model):
    """A person or an organisation: an author, a translator, someone a record mentions."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANIZATION = "organization", _("organisation")

    name = models.CharField(_("name"), max_length=300, help_text=_('As displayed: "Nikita Khrushchev".'))
    sort_name = models.CharField(
        _("sort name"),
        max_length=300,
        blank=True,
        help_text=_('As filed: "Khrushchev, Nikita". Left blank, it is made from the name.'),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name_variants = models.TextField(
        _("name variants"), blank=True, help_text=_("Other spellings and scripts, one per line: «Хрущёв».")
    )
    birth_date = models.CharField(_("born / founded"), max_length=100, blank=True, validators=[validate_edtf])
    death_date = models.CharField(
        _("died / dissolved"), max_length=100, blank=True, validators=[validate_edtf]
    )
    description = models.TextField(_("description"), blank=True)
    wikidata_id = models.CharField("Wikidata", max_length=20, blank=True, validators=[wikidata_validator])
    viaf_id = models.CharField("VIAF", max_length=22, blank=True, validators=[viaf_validator])
    lcnaf_id = models.CharField("LCNAF", max_length=20, blank=True, validators=[lcnaf_validator])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_name", "name"]
        indexes = [models.Index(Lower("sort_name"), name="person_sort_name_idx")]  # people index page

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.sort_name:
            self.sort_name = default_sort_name(self.name, self.kind)
        super().save(*args, **kwargs)

    @property
    def life_dates(self) -> str:
        if not (self.birth_date or self.death_date):
            return ""
        return f"{self.birth_date or '?'}–{self.death_date or ''}"


def default_sort_name(name: str, kind: str = Person.Kind.PERSON) -> str:
    """ "Nikita Khrushchev" -> "Khrushchev, Nikita"; organisations file under their name."""
    parts = name.split()
    if kind == Person.Kind.ORGANIZATION or len(parts) < 2 or "," in name:
        return name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


class Place(models.Model):
    """A place, inside a broader place: Moscow inside the Soviet Union."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        REGION = "region", _("region")
        CITY = "city", _("city or town")
        SITE = "site", _("site or building")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("within"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    name_variants = models.TextField(_("name variants"), blank=True, help_text=_("One per line."))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    geonames_id = models.CharField("GeoNames", max_length=12, blank=True, validators=[geonames_validator])
    wikidata_id = models.CharField("Wikidata", max_length=20, blank=True, validators=[wikidata_validator])

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            # Two partial constraints rather than nulls_distinct=False, which SQLite cannot enforce.
            models.UniqueConstraint(
                fields=["name", "parent"],
                condition=models.Q(parent__isnull=False),
                name="place_unique_name_within_parent",
            ),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(parent__isnull=True), name="place_unique_top_level_name"
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.parent.name}" if self.parent_id else self.name

    def ancestors(self) -> list["Place"]:
        """Broader places, nearest first (one query per level; places nest a few levels at most)."""
        chain, place, seen = [], self.parent, {self.pk}
        while place is not None and place.pk not in seen:
            chain.append(place)
            seen.add(place.pk)
            place = place.parent
        return chain


class Subject(models.Model):
    """A subject heading with "--" subdivisions: "Nuclear weapons--Testing--Soviet Union"."""

    heading = models.CharField(_("heading"), max_length=300, unique=True)
    scope_note = models.TextField(_("scope note"), blank=True)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["heading"]

    def __str__(self) -> str:
        return self.heading

    def save(self, *args, **kwargs) -> None:
        self.heading = normalise_heading(self.heading)
        super().save(*args, **kwargs)

    @property
    def subdivisions(self) -> list[str]:
        return self.heading.split("--")


def normalise_heading(heading: str) -> str:
    """ "Cold War -- Diplomacy" -> "Cold War--Diplomacy": subdivisions joined by a bare double hyphen."""
    return "--".join(part.strip() for part in heading.split("--") if part.strip())


class Collection(models.Model):
    """A curated collection of records: "Sino-Soviet Relations", "Cuban Missile Crisis"."""

    title = models.CharField(_("title"), max_length=300, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.title)[:100]
        super().save(*args, **kwargs)


class Repository(models.Model):
    """An archive that holds originals: "Russian State Archive of Contemporary History (RGANI)"."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=50, blank=True, help_text=_('As cited: "RGANI", "BArch".')
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    url = models.URLField(_("web site"), blank=True)

    class Meta:
        verbose_name = _("repository")
        verbose_name_plural = _("repositories")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    @property
    def citation_name(self) -> str:
        return self.abbreviation or self.name


class Donor(models.Model):
    """A funder whose support made a record's translation or publication possible."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    url = models.URLField(_("web site"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
