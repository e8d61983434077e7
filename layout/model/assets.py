"""Which image file shows which figure: explicit paths, the spec's map, 《title》 file names, then the rest in order."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from layout.model.document import Article, Figure

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp")


@dataclass(frozen=True, slots=True)
class ImageChoice:
    """The file chosen for a figure, or None when none was found."""

    figure: Figure
    path: str | None


def _key(name: str) -> str:
    """File names compare in NFC, ignoring case and full-width/half-width forms."""
    return unicodedata.normalize("NFKC", name).casefold()


def resolve_images(article: Article, image_map: dict[str, str], images_dir: str | None,
                   article_dir: Path) -> tuple[ImageChoice, ...]:
    """One ImageChoice per figure of the article, photos first, then the gallery's artworks."""
    files = _image_files(images_dir)
    by_stem = {_key(Path(f).stem): f for f in files}
    used: set[str] = set()
    choices: list[ImageChoice | None] = []
    for figure in article.figures:
        choice = _explicit(figure, image_map, by_stem, article_dir)
        if choice is not None:
            used.add(choice.path or "")
        choices.append(choice)
    spare = iter(f for f in files if f not in used)
    result = []
    for figure, choice in zip(article.figures, choices):
        if choice is None:
            path = next(spare, None)
            choice = ImageChoice(figure, path)
        result.append(choice)
    return tuple(result)


def _explicit(figure: Figure, image_map: dict[str, str], by_stem: dict[str, str],
              article_dir: Path) -> ImageChoice | None:
    if figure.image:
        return ImageChoice(figure, str((article_dir / figure.image).resolve()))
    for key in (figure.title, figure.caption):
        if key and key in image_map:
            return ImageChoice(figure, image_map[key])
    if figure.title and _key(figure.title) in by_stem:
        return ImageChoice(figure, by_stem[_key(figure.title)])
    return None


def _image_files(images_dir: str | None) -> list[str]:
    """Image files of a folder in file-name order."""
    if not images_dir or not Path(images_dir).is_dir():
        return []
    return sorted(str(p) for p in Path(images_dir).iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
