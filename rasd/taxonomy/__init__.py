"""Domain vocabularies as data: the actor dictionary, name lexicons, roles (YAML and text files).

Loaders live in :mod:`rasd.taxonomy.registry`; the common ones are re-exported here.
"""

from rasd.taxonomy.registry import (
    ActorDictionary,
    Group,
    NameLexicon,
    Roles,
    alias_key,
    load_actors,
    load_names,
    load_roles,
    name_key,
)

__all__ = [
    "ActorDictionary",
    "Group",
    "NameLexicon",
    "Roles",
    "alias_key",
    "load_actors",
    "load_names",
    "load_roles",
    "name_key",
]
