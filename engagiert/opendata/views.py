"""The open-data pages, the files and the catalogue: public, read from storage."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from engagiert.core.extensions import OpenDataset

from . import catalogue, formats, queries, services

CATALOGUE_TYPES = {
    "rdf": ("application/rdf+xml; charset=utf-8", catalogue.as_rdf_xml),
    "jsonld": ("application/ld+json; charset=utf-8", catalogue.as_jsonld),
}


def _dataset_with_files(slug: str) -> tuple[OpenDataset, queries.Published]:
    """The dataset and its files' meta; files missing so far are written now."""
    dataset = queries.dataset(slug)
    if dataset is None:
        raise Http404
    meta = queries.published(dataset) if queries.has_files(dataset) else None
    return dataset, meta or services.dataset_publish(dataset=dataset)


@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    entries = [(dataset, queries.published(dataset)) for dataset in queries.datasets()]
    return render(
        request, "opendata/home.html", {"entries": entries, "licence": formats.LICENCE_NAME}
    )


@require_GET
def dataset_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    dataset, meta = _dataset_with_files(slug)
    context = {
        "dataset": dataset,
        "meta": meta,
        "preview": queries.preview_rows(dataset),
        "attribution": formats.attribution(dataset, meta.generated),
        "licence": formats.LICENCE_NAME,
        "publisher": formats.publisher_of(dataset),
    }
    return render(request, "opendata/dataset_detail.html", context)


@require_GET
def dataset_file_view(request: HttpRequest, slug: str, fmt: str) -> FileResponse:
    if fmt not in queries.FORMATS:
        raise Http404
    dataset, _meta = _dataset_with_files(slug)
    response = FileResponse(
        default_storage.open(queries.file_path(dataset, fmt)),
        as_attachment=True,
        filename=f"{dataset.slug}.{fmt}",
        content_type=queries.FORMATS[fmt],
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


@require_GET
def catalogue_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in CATALOGUE_TYPES:
        raise Http404
    content_type, build = CATALOGUE_TYPES[fmt]
    response = HttpResponse(build(), content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return response
