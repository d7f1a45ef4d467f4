import pytest
from tests.packets.test_packet_layout_words import *  # noqa
from packets.xlsx import render_packet_xlsx  # noqa

def test_dump(world):
    add_packet_inputs(world, scale=1)
    Flag.objects.filter(officer=world.officer).update(note=LONG_NOTE)
    Competency.objects.filter(rubric__evaluations__officer=world.officer).update(name=LONG_COMPETENCY)
    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[world.officer.pk]
    open("/tmp/h4.pdf","wb").write(render_packet_pdf(snapshot))
    import json; open("/tmp/h4.json","w").write(json.dumps(snapshot, indent=1))
