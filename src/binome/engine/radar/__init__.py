"""The radar: risks seen before they become problems, each with ranked fixes (issue 7).

``scan(RadarInput)`` runs every detector registered with ``@detector(name)`` (modules
``calendar``, ``load``, ``people``, ``work``) and returns ``Risk`` values ranked by
severity. Pure: no I/O, ``now`` is a field of the input.
"""

from binome.engine.radar.inputs import DEFAULTS, Item, RadarInput, RadarPerson
from binome.engine.radar.registry import DETECTORS, detector, rank_risks, scan

__all__ = ["DEFAULTS", "DETECTORS", "Item", "RadarInput", "RadarPerson", "detector",
           "rank_risks", "scan"]  # fmt: skip
