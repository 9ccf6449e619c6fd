"""The DCAT-AP.de catalogue of the open data, for portals such as GovData to harvest.

One description, built as a JSON-LD document, is served as JSON-LD and as RDF/XML (written from
the same nodes with the standard library's ElementTree). A dcat:Catalog holds a dcat:Dataset per
registered dataset, each with a dcat:Distribution per file format; every address is absolute
(SITE_URL). Vocabularies: the EU's data themes, file types, frequencies and languages, IANA
media types, and DCAT-AP.de's licences and political geocoding.
"""

import json
import xml.etree.ElementTree as ET
from typing import Any

from django.conf import settings
from django.urls import reverse

from engagiert.core.extensions import OpenDataset
from engagiert.core.site import absolute_url

from . import formats, queries

Node = dict[str, Any]

NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority"
FILE_TYPES = {"csv": "CSV", "json": "JSON"}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
#: Length of an official key → DCAT-AP.de geocoding level and the key's kind.
GEOCODING = {2: ("state", "stateKey"), 5: ("administrativeDistrict", "districtKey")}


def _german(text: object) -> Node:
    return {"@value": str(text), "@language": "de"}


def _typed(value: str, datatype: str) -> Node:
    return {"@value": value, "@type": f"xsd:{datatype}"}


def _ref(iri: str) -> Node:
    return {"@id": iri}


def _agent(name: str) -> Node:
    return {"@type": "foaf:Agent", "foaf:name": name}


def _contact(name: str) -> Node:
    return {
        "@type": "vcard:Organization",
        "vcard:fn": name,
        "vcard:hasEmail": _ref(f"mailto:{settings.OPENDATA_CONTACT_EMAIL}"),
    }


def _distribution(dataset: OpenDataset, fmt: str, meta: queries.Published | None) -> Node:
    url = absolute_url(reverse("opendata:dataset_file", args=[dataset.slug, fmt]))
    node: Node = {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": _german(f"{dataset.title} ({FILE_TYPES[fmt]})"),
        "dcat:accessURL": _ref(url),
        "dcat:downloadURL": _ref(url),
        "dct:format": _ref(f"{EU}/file-type/{FILE_TYPES[fmt]}"),
        "dcat:mediaType": _ref(f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[fmt]}"),
        "dct:license": _ref(formats.LICENCE_URI),
    }
    if meta:
        node["dcatde:licenseAttributionByText"] = _german(
            formats.attribution(dataset, meta.generated)
        )
        node["dct:issued"] = _typed(meta.issued, "dateTime")
        node["dct:modified"] = _typed(meta.generated_at, "dateTime")
        node["dcat:byteSize"] = _typed(str(meta.sizes[fmt]), "decimal")
    return node


def _dataset(dataset: OpenDataset) -> Node:
    meta = queries.published(dataset)
    page = absolute_url(reverse("opendata:dataset_detail", args=[dataset.slug]))
    level, key_kind = GEOCODING[len(dataset.spatial)]
    place = f"http://dcat-ap.de/def/politicalGeocoding/{key_kind}/{dataset.spatial}"
    publisher = formats.publisher_of(dataset)
    node: Node = {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:identifier": page,
        "dct:title": _german(dataset.title),
        "dct:description": _german(dataset.description),
        "dcat:keyword": [_german(keyword) for keyword in dataset.keywords],
        "dcat:theme": _ref(f"{EU}/data-theme/{dataset.theme}"),
        "dct:publisher": _agent(publisher),
        "dcat:contactPoint": _contact(publisher),
        "dct:accrualPeriodicity": _ref(f"{EU}/frequency/{dataset.frequency}"),
        "dct:spatial": _ref(place),
        "dcatde:politicalGeocodingURI": _ref(place),
        "dcatde:politicalGeocodingLevelURI": _ref(
            f"http://dcat-ap.de/def/politicalGeocodingLevel/{level}"
        ),
        "dct:language": _ref(f"{EU}/language/DEU"),
        "dcat:landingPage": _ref(page),
        "dcat:distribution": [_distribution(dataset, fmt, meta) for fmt in FILE_TYPES],
    }
    if settings.OPENDATA_CONTRIBUTOR_ID:
        node["dcatde:contributorID"] = _ref(settings.OPENDATA_CONTRIBUTOR_ID)
    if meta:
        node["dct:issued"] = _typed(meta.issued, "dateTime")
        node["dct:modified"] = _typed(meta.generated_at, "dateTime")
    if meta and meta.temporal:
        node["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed(meta.temporal[0], "date"),
            "dcat:endDate": _typed(meta.temporal[1], "date"),
        }
    return node


def catalogue() -> Node:
    """The catalogue as a JSON-LD document (compact names, prefixes in the context)."""
    home = absolute_url(reverse("opendata:home"))
    nodes = [_dataset(dataset) for dataset in queries.datasets()]
    modified = [node["dct:modified"]["@value"] for node in nodes if "dct:modified" in node]
    document: Node = {
        "@context": {prefix: iri for prefix, iri in NAMESPACES.items() if prefix != "rdf"},
        "@id": home,
        "@type": "dcat:Catalog",
        "dct:title": _german(f"Offene Daten: {settings.NETWORK_NAME}"),
        "dct:description": _german(
            "Öffentliche Daten des Netzwerks als CSV und JSON: Kommunen und Mitglieder, "
            "Veranstaltungen, Wissen, Ehrenamtskarte, Engagementangebote und zusammengefasste "
            "Wirkungskennzahlen. Lizenz: " + formats.LICENCE_NAME + "."
        ),
        "dct:publisher": _agent(settings.OPENDATA_PUBLISHER),
        "foaf:homepage": _ref(home),
        "dct:language": _ref(f"{EU}/language/DEU"),
        "dcat:themeTaxonomy": _ref(f"{EU}/data-theme"),
        "dcat:dataset": nodes,
    }
    if modified:
        document["dct:modified"] = _typed(max(modified), "dateTime")
    return document


def as_jsonld() -> bytes:
    return json.dumps(catalogue(), ensure_ascii=False, indent=1).encode("utf-8")


def _iri(compact: str) -> str:
    prefix, local = compact.split(":", 1)
    return NAMESPACES[prefix] + local


def _qname(compact: str) -> str:
    """The ElementTree name of a compact name: {namespace}local."""
    prefix, local = compact.split(":", 1)
    return f"{{{NAMESPACES[prefix]}}}{local}"


def _property(parent: ET.Element, name: str, value: Any) -> None:
    for item in value if isinstance(value, list) else [value]:
        element = ET.SubElement(parent, _qname(name))
        if isinstance(item, str):
            element.text = item
        elif "@value" in item:
            element.text = item["@value"]
            if "@language" in item:
                element.set("{http://www.w3.org/XML/1998/namespace}lang", item["@language"])
            if "@type" in item:
                element.set(_qname("rdf:datatype"), _iri(item["@type"]))
        elif set(item) == {"@id"}:
            element.set(_qname("rdf:resource"), item["@id"])
        else:
            _node(element, item)


def _node(parent: ET.Element | None, node: Node) -> ET.Element:
    element = (
        ET.Element(_qname(node["@type"]))
        if parent is None
        else ET.SubElement(parent, _qname(node["@type"]))
    )
    if "@id" in node:
        element.set(_qname("rdf:about"), node["@id"])
    for name, value in node.items():
        if not name.startswith("@"):
            _property(element, name, value)
    return element


def as_rdf_xml() -> bytes:
    for prefix, iri in NAMESPACES.items():
        ET.register_namespace(prefix, iri)
    root = ET.Element(_qname("rdf:RDF"))
    document = catalogue()
    document.pop("@context")
    root.append(_node(None, document))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
