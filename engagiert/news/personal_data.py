"""The personal data of the news app (see core.extensions.PersonalData).

An article stays for the network when its author is erased: the link to the person goes. The
photo credit names the owner of a photo's rights as the law of author's rights requires it; it
is part of the publication, not data about the person who wrote the article, and stays.
"""

from engagiert.core.extensions import PersonalData
from engagiert.core.personal_data import authorship

from .models import Article


def declarations() -> dict[str, PersonalData]:
    return {
        "news.article": authorship(
            Article,
            user="author",
            fields=("title", "author", "created_at", "published_at"),
            purpose="Meldungen des Netzwerks (Aktuelles): wer sie geschrieben hat",
            recipients="Netzwerkbüro; veröffentlichte Meldungen: Öffentlichkeit oder "
            "Mitgliedskommunen",
        ),
    }
