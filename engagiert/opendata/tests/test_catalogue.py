"""The DCAT-AP.de catalogue, read back as a harvester would: RDF/XML and JSON-LD."""

import json
import xml.etree.ElementTree as ET

import pytest

from engagiert.opendata import queries
from engagiert.opendata.catalogue import NAMESPACES
from engagiert.opendata.services import datasets_publish

SITE = "https://engagiert.example.org"
LICENCE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
EU = "http://publications.europa.eu/resource/authority"
RDF = NAMESPACES["rdf"]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def q(compact: str) -> str:
    prefix, local = compact.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def _resource(element, name):
    found = element.find(q(name))
    assert found is not None, name
    return found.get(f"{{{RDF}}}resource")


@pytest.fixture
def published(world):
    datasets_publish()


@pytest.mark.usefixtures("published")
def test_the_rdf_xml_catalogue_describes_every_dataset_and_file(client):
    response = client.get("/offene-daten/katalog.rdf")

    assert response["Content-Type"].startswith("application/rdf+xml")
    root = ET.fromstring(response.content)
    [catalog] = root.findall(q("dcat:Catalog"))
    assert catalog.get(f"{{{RDF}}}about") == f"{SITE}/offene-daten/"
    assert catalog.find(q("dct:title")).get(XML_LANG) == "de"
    assert catalog.find(f"{q('dct:publisher')}/{q('foaf:Agent')}/{q('foaf:name')}").text
    datasets = catalog.findall(f"{q('dcat:dataset')}/{q('dcat:Dataset')}")
    assert len(datasets) == len(queries.datasets())
    for dataset in datasets:
        about = dataset.get(f"{{{RDF}}}about")
        assert about.startswith(f"{SITE}/offene-daten/")
        for required in ("dct:title", "dct:description", "dct:identifier", "dct:modified"):
            assert dataset.find(q(required)) is not None, (about, required)
        assert dataset.findall(q("dcat:keyword"))
        assert _resource(dataset, "dcat:theme").startswith(f"{EU}/data-theme/")
        assert _resource(dataset, "dct:accrualPeriodicity").startswith(f"{EU}/frequency/")
        assert _resource(dataset, "dct:spatial").endswith("/stateKey/05")
        assert _resource(dataset, "dcatde:politicalGeocodingLevelURI") == (
            "http://dcat-ap.de/def/politicalGeocodingLevel/state"
        )
        assert dataset.find(f"{q('dct:publisher')}/{q('foaf:Agent')}") is not None
        contact = dataset.find(f"{q('dcat:contactPoint')}/{q('vcard:Organization')}")
        assert _resource(contact, "vcard:hasEmail").startswith("mailto:")
        distributions = dataset.findall(f"{q('dcat:distribution')}/{q('dcat:Distribution')}")
        assert {_resource(d, "dct:format") for d in distributions} == {
            f"{EU}/file-type/CSV",
            f"{EU}/file-type/JSON",
        }
        for distribution in distributions:
            url = _resource(distribution, "dcat:downloadURL")
            assert url.startswith(f"{SITE}/offene-daten/")
            assert url.endswith((".csv", ".json"))
            assert _resource(distribution, "dcat:accessURL") == url
            assert _resource(distribution, "dct:license") == LICENCE
            assert _resource(distribution, "dcat:mediaType").startswith("https://www.iana.org/")
            attribution = distribution.find(q("dcatde:licenseAttributionByText")).text
            assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in attribution
            modified = distribution.find(q("dct:modified"))
            assert modified.get(f"{{{RDF}}}datatype") == f"{NAMESPACES['xsd']}dateTime"
            assert client.get(url.removeprefix(SITE)).status_code == 200


@pytest.mark.usefixtures("published")
def test_the_json_ld_catalogue_says_the_same(client):
    response = client.get("/offene-daten/katalog.jsonld")

    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    assert document["@type"] == "dcat:Catalog"
    assert document["@context"]["dcatde"] == "http://dcat-ap.de/def/dcatde/"
    for dataset in document["dcat:dataset"]:
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:title"]["@language"] == "de"
        assert dataset["dcat:landingPage"]["@id"] == dataset["@id"]
        for distribution in dataset["dcat:distribution"]:
            assert distribution["dct:license"] == {"@id": LICENCE}
            assert distribution["dcat:downloadURL"]["@id"].startswith(SITE)
            assert distribution["dct:issued"]["@type"] == "xsd:dateTime"
    events = next(d for d in document["dcat:dataset"] if d["@id"].endswith("/veranstaltungen/"))
    period = events["dct:temporal"]
    assert period["@type"] == "dct:PeriodOfTime"
    assert period["dcat:startDate"]["@value"] <= period["dcat:endDate"]["@value"]


@pytest.mark.usefixtures("published")
def test_the_contributor_id_is_named_once_the_portal_assigned_one(client, settings):
    assert b"contributorID" not in client.get("/offene-daten/katalog.rdf").content

    settings.OPENDATA_CONTRIBUTOR_ID = "http://dcat-ap.de/def/contributors/engagiertNRW"
    root = ET.fromstring(client.get("/offene-daten/katalog.rdf").content)

    for dataset in root.iter(q("dcat:Dataset")):
        assert _resource(dataset, "dcatde:contributorID") == settings.OPENDATA_CONTRIBUTOR_ID


@pytest.mark.django_db
def test_an_unknown_catalogue_format_is_not_found(client):
    assert client.get("/offene-daten/katalog.ttl").status_code == 404
