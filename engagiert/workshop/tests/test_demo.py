"""The demo's cohorts follow the real history of the seeds (PRODUCT.md C3): cohort 1 2011–2013
with its ten municipalities, cohort 2 2014–2015, cohort 3 until the end of 2016, cohort 4 with
municipalities and its call until 30 June 2017, cohort 5 with 17 municipalities over 18 months;
consultation slots lie on working days; loading twice changes nothing."""

from pathlib import Path

import pytest
from django.utils import timezone

import engagiert.registry
from engagiert.demo.services import demo_load
from engagiert.registry.services import registry_import_file
from engagiert.workshop.models import Cohort, CohortApplication, ConsultationSlot

REGISTRY_FILE = Path(engagiert.registry.__file__).parent / "data" / "nrw_kommunen.csv"


@pytest.mark.django_db
def test_the_demo_cohorts_follow_the_real_history(client):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()
    counts = {c.number: c.applications.count() for c in Cohort.objects.all()}
    demo_load()

    assert {c.number: c.applications.count() for c in Cohort.objects.all()} == counts
    page = client.get("/werkstatt/").content.decode()
    assert "2011–2013" in page
    assert "2014–2015" in page
    assert "2016–2016" not in page
    assert "2015–2016" in page
    selected = CohortApplication.Status.SELECTED
    first = Cohort.objects.get(number=1)
    assert sorted(first.applications.values_list("authority__name", flat=True)) == [
        "Bonn",
        "Burbach",
        "Emsdetten",
        "Hemer",
        "Kamp-Lintfort",
        "Kreis Lippe",
        "Lemgo",
        "Mönchengladbach",
        "Oberhausen",
        "Solingen",
    ]
    fourth = Cohort.objects.get(number=4)
    assert fourth.applications.filter(status=selected).count() == 10
    assert timezone.localtime(fourth.application_deadline).date().isoformat() == "2017-06-30"
    fifth = Cohort.objects.get(number=5)
    assert fifth.applications.filter(status=selected).count() == 17 == fifth.max_sites
    months = (fifth.ends_on.year - fifth.starts_on.year) * 12 + fifth.ends_on.month
    assert months - fifth.starts_on.month + 1 == 18
    assert "Kamp-Lintfort" in client.get("/werkstatt/1/").content.decode()
    for slot in ConsultationSlot.objects.all():
        start = timezone.localtime(slot.starts_at)
        assert start.weekday() < 5, start
        assert 9 <= start.hour <= 16, start
