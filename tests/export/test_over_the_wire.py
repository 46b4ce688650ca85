"""The facilitator's decision on the tables per profession, made over a real socket,
reaches the export from the facilitator's menu and the command line, which may override
it for one export."""

from __future__ import annotations

import asyncio

from tests.realserver import Running
from tests.server.cli import cli
from tests.server.peer import Peer, join

SPLIT = "#### By profession"


async def nursing_home_round(server: Running) -> Peer:
    """Mette facilitates; three nurses and three care assistants dot one of two drafts."""
    mette = await join(
        server.url,
        server.code,
        "Mette",
        "Leder",
        role="facilitator",
        votes=False,
        facilitator_key=server.key,
    )
    staff = [
        await join(server.url, server.code, f"Sygeplejerske {n}", "Sygeplejerske") for n in range(3)
    ]
    staff += [
        await join(server.url, server.code, f"Assistent {n}", "Social- og sundhedsassistent")
        for n in range(3)
    ]
    await staff[0].ok("propose_draft", text="Beboeren lever et trygt liv")
    await staff[3].ok("propose_draft", text="Beboeren bestemmer selv over sin dag")
    await mette.ok("open_round", dots=1, blind=False)
    for n, peer in enumerate(staff):
        await peer.ok("cast_vote", draft_id="d1" if n < 3 else "d2")
    await mette.ok("close_round")
    for peer in staff:
        await peer.close()
    return mette


async def menu_minutes(mette: Peer, request: str) -> str:
    await mette.send({"type": "export", "id": request, "format": "md", "lang": "en"})
    data = await mette.expect("export_data", id=request)
    return str(data["content"])


async def test_the_menus_export_follows_the_setting_and_the_flag_overrides_it(
    server: Running,
) -> None:
    """Anonymous: no split until set; set, it is in; --no-profession-tables takes it out."""
    mette = await nursing_home_round(server)
    assert SPLIT not in await menu_minutes(mette, "x1")
    await mette.ok("set_minutes_tables", include=True)
    assert SPLIT in await menu_minutes(mette, "x2")
    base = ("export", server.code, "--db", str(server.db), "--lang", "en")
    as_set = await asyncio.to_thread(cli, *base)
    overridden = await asyncio.to_thread(cli, *base, "--no-profession-tables")
    assert as_set.returncode == 0 and overridden.returncode == 0, overridden.stderr
    assert SPLIT in as_set.stdout and SPLIT not in overridden.stdout
    await mette.close()
