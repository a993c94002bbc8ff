"""The bundled default corpus: the seed article, so that a first search works without data of one's own.

It is a package only so that the article travels with an installed Fundstelle; find it with :data:`SEEDS_DIR`.
"""
from pathlib import Path

#: Folder holding the bundled seed articles, in a source checkout and in an installed package alike.
SEEDS_DIR: Path = Path(__file__).resolve().parent
