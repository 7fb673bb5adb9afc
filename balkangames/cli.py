"""Command line: ``balkangames cases``, ``show CASE``, ``timeline CASE``, ``sensitivity CASE``, ``robustness CASE``.

``balkangames show CASE [--year Y] [--member ACTOR=ALLIANCE ...] [--presence PRESENCE=none ...]
[--set PARAM=VALUE ...] [--json]`` prints the case-year's one game (its first layer with the
cited kin stakes and provocation; the first layer alone only as a labelled comparison): the
payoff matrix, each player's class, the equilibria, the knife-edges an assumed size makes
(both sides shown), the parameters with their citations, the game of beliefs and, where the
sources disagree about a motive, the result under each reading side by side. A membership
(``--member``) and a peace-support presence (``--presence``) are separate controls. ``balkangames sensitivity CASE [--year Y] [--json]`` prints, for every
parameter, the values where a class or the equilibria change and the margin to the
nearest; it takes ``--member``, ``--set`` and ``--presence`` as ``show`` does.
``balkangames robustness CASE [--year Y] [--member ...] [--set ...] [--presence ...] [--json]``
labels each result (classes, equilibria, spiral, findings) robust over every assumed
size's plausible range or contingent, with the exact values where it flips. Human output cites the seed documents author-year (Luli 2025; the 2022 thesis)
and ends with their full references; ``--json`` keeps file names and verbatim quotes.
Unknown cases, actors, alliances, years or parameters exit with
status 2 and a message that lists the valid choices. Ids are case-insensitive.
``balkangames lab [DIR]`` and ``balkangames present`` start the student's JupyterLab and the
lecture view (see :mod:`balkangames.lab`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from fractions import Fraction

from . import __version__, cases, mechanisms
from .cases import readings as readings_module
from .cases.provenance import Citation, learner_citation, references
from .cases.robustness import robustness
from .classify import CLASS_TITLES
from .lab import add_subcommands, run_subcommand
from .params import PARAMETERS
from .views.html import learner_note

#: Exit status for bad input (as argparse uses).
USAGE_ERROR = 2
#: What ``show --set`` accepts: every parameter of balkangames.params.TABLE by flat name, and the priors.
SETTABLE = (*PARAMETERS, *mechanisms.PRIOR_NAMES)


def _pairs(items, flag: str) -> dict[str, str]:
    """Parse ``KEY=VALUE`` flags into a dict, failing with the flag's expected form."""
    result = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"{flag} expects KEY=VALUE, got {_shown(item)}")
        if key.strip().lower() in (k.lower() for k in result):
            # the last value would silently win: say which name was given twice
            raise ValueError(f"{flag} {key.strip()!r} is given more than once; give each name once")
        result[key.strip()] = value.strip()
    return result


def _shown(text: str) -> str:
    """``repr(text)``, cut short for very long arguments."""
    return repr(text) if len(text) <= 80 else repr(text[:60]) + f"... ({len(text)} characters)"


def _year(text: str | None) -> int | None:
    """``--year``: a year written with up to four ASCII digits, e.g. 2022 (None: the default)."""
    if text is None:
        return None
    year = text.strip()
    if not (year.isascii() and year.isdigit() and len(year) <= 4):
        raise ValueError(f"unknown year {_shown(text)}: --year must be a year such as 2022")
    return int(year)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="balkangames",
        description="Security-dilemma games of Western Balkans dyads, with cited parameters.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    listing = sub.add_parser("cases", help="list the cases")
    listing.add_argument("--json", action="store_true", help="print JSON")
    show = sub.add_parser(
        "show", help="payoffs, classes, equilibria and citations of one case"
    )
    show.add_argument("case", help="case id, e.g. serbia-kosovo (see `balkangames cases`)")
    show.add_argument("--year", help="year (default: the case's default year, 2022)")
    show.add_argument(
        "--member",
        action="append",
        metavar="ACTOR=ALLIANCE",
        help="counterfactual membership, e.g. kosovo=nato or croatia=none (repeatable; presences such as "
             "KFOR stay: see --presence)",
    )
    show.add_argument(
        "--presence",
        action="append",
        metavar="PRESENCE=none",
        help="take a peace-support presence away, e.g. kfor=none (repeatable; separate from --member)",
    )
    show.add_argument(
        "--set",
        action="append",
        dest="settings",
        metavar="PARAM=VALUE",
        help="set a parameter by hand, e.g. distinguishability=1/2 (repeatable); PARAM is one of "
        + ", ".join(SETTABLE),
    )
    show.add_argument("--json", action="store_true", help="print JSON")
    timeline = sub.add_parser("timeline", help="the game's classes and equilibria at each dated event")
    timeline.add_argument("case", help="case id, e.g. serbia-kosovo")
    timeline.add_argument(
        "--member", action="append", metavar="ACTOR=ALLIANCE",
        help="counterfactual membership for every event, e.g. kosovo=nato (repeatable)",
    )
    timeline.add_argument(
        "--presence", action="append", metavar="PRESENCE=none",
        help="take a peace-support presence away at every event, e.g. kfor=none (repeatable)",
    )
    timeline.add_argument("--json", action="store_true", help="print JSON")
    sensitivity = sub.add_parser(
        "sensitivity", help="for each parameter, where the classes or equilibria change and how far that is"
    )
    sensitivity.add_argument("case", help="case id, e.g. serbia-bosnia")
    sensitivity.add_argument("--year", help="year (default: the case's default year, 2022)")
    _counterfactual_flags(sensitivity)
    sensitivity.add_argument("--json", action="store_true", help="print JSON")
    robustness = sub.add_parser(
        "robustness",
        help="each result robust (over every assumed size's plausible range) or contingent (and where it flips)",
    )
    robustness.add_argument("case", help="case id, e.g. serbia-kosovo")
    robustness.add_argument("--year", help="year (default: the case's default year, 2022)")
    _counterfactual_flags(robustness)
    robustness.add_argument("--json", action="store_true", help="print JSON")
    add_subcommands(sub)  # lab, present: the student's and the lecturer's servers
    parser.add_argument("--version", action="version", version=f"balkangames {__version__}")
    return parser


def _counterfactual_flags(command) -> None:
    """``--member``, ``--set`` and ``--presence``, spelled as ``show`` spells them."""
    command.add_argument(
        "--member", action="append", metavar="ACTOR=ALLIANCE",
        help="counterfactual membership, e.g. kosovo=nato or croatia=none (repeatable)",
    )
    command.add_argument(
        "--set", action="append", dest="settings", metavar="PARAM=VALUE",
        help="set a parameter or prior by hand, e.g. distinguishability=1/2 (repeatable)",
    )
    command.add_argument(
        "--presence", action="append", dest="presences", metavar="PRESENCE=none",
        help="take a peace-support presence away, e.g. kfor=none (repeatable; separate from --member)",
    )


def _counterfactuals(args) -> tuple[dict, dict, dict]:
    """Members, settings and presences of ``sensitivity``/``robustness``; unknown names list the valid ones."""
    overrides = _pairs(args.settings, "--set")
    unknown = [name for name in overrides if name not in SETTABLE]
    if unknown:
        raise ValueError(f"unknown parameter {unknown[0]!r}; valid choices: {', '.join(SETTABLE)}")
    return _pairs(args.member, "--member"), overrides, _pairs(args.presences, "--presence")


def _sensitivity_report(args) -> dict:
    members, overrides, presences = _counterfactuals(args)
    case = cases.load(args.case)
    year = _year(args.year)
    if "prior_1" in overrides or "prior_2" in overrides:
        raise ValueError("sensitivity moves the game's parameters; priors belong to `balkangames robustness`")
    return case.sensitivity(year, members=members or None, overrides=overrides or None,
                            presences=presences or None).as_dict()


def _robustness_report(args):
    members, overrides, presences = _counterfactuals(args)
    case = cases.load(args.case)
    return robustness(case, _year(args.year), members or None, overrides or None, presences or None)


def _cases_table() -> list[dict]:
    rows = []
    for case_id in cases.list_cases():
        case = cases.load(case_id)
        rows.append(
            {
                "case": case.id,
                "players": list(case.players),
                "years": [case.first_year, case.last_year],
                "default_year": case.default_year,
                "title": case.title,
            }
        )
    return rows


def _print_cases(as_json: bool) -> None:
    rows = _cases_table()
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    header = ("case", "players", "years", "title")
    lines = [
        (r["case"], " vs ".join(r["players"]), f"{r['years'][0]}-{r['years'][1]}", r["title"])
        for r in rows
    ]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines)]
    for row in (header, *lines):
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip())


def _matrix_text(report: dict) -> list[str]:
    row_player, column_player = report["players"]
    actions = report["actions"]
    cells = [
        [f"{report['payoffs'][row_player][r][c]}, {report['payoffs'][column_player][r][c]}" for c in range(2)]
        for r in range(2)
    ]
    labels = [f"{row_player} {a}" for a in actions]
    headers = [f"{column_player} {a}" for a in actions]
    left = max(len(x) for x in labels)
    widths = [max(len(headers[c]), *(len(cells[r][c]) for r in range(2))) for c in range(2)]
    lines = [" " * left + "  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths))]
    for r in range(2):
        lines.append(labels[r].ljust(left) + "  " + "  ".join(x.ljust(w) for x, w in zip(cells[r], widths)))
    return [line.rstrip() for line in lines]


def _citation(record: dict) -> Citation:
    return Citation(record["source"], record.get("quote"), record.get("note"))


def _print_references(citations) -> None:
    entries = references(citations)
    if entries:
        print()
        print("references:")
        for entry in entries:
            print(f"  {entry}")


def _print_show(report: dict) -> None:
    row_player, column_player = report["players"]
    print(f"{report['title']}, {report['year']}  [case {report['case']}]")
    for player in report["players"]:
        ties = [*report["members"][player], *report["presences"][player], *report["patrons"][player]]
        print(f"  {player}: {', '.join(ties) or 'no alliance, presence or patron'}")
    if report["counterfactual"]:
        changes = ", ".join(f"{a}={m}" for a, m in report["counterfactual"].items())
        print(f"counterfactual memberships: {changes}")
    if report.get("presences_removed"):
        print(f"counterfactual: presences taken away: {', '.join(report['presences_removed'])}")
    if report["capabilities_counterfactual"]:
        print(f"capabilities: the 2022 data, carried over to {report['year']} (counterfactual for that year)")
    print()
    print(f"payoffs ({row_player}, {column_player}):")
    for line in _matrix_text(report):
        print("  " + line)
    print()
    print("classes (the one game: first layer with the cited kin stakes and provocation;")
    print("         each state counts what an attack can take at the stakes W):")
    for player, name in report["classes"].items():
        print(f"  {player}: {CLASS_TITLES.get(name, name)}")
    if report.get("first_layer_classes") and report["first_layer_classes"] != report["classes"]:
        before = ", ".join(f"{p}: {CLASS_TITLES.get(c, c)}" for p, c in report["first_layer_classes"].items())
        print(f"  comparison, without the second layer: {before}")
    for edge in report.get("knife_edges", []):
        print(f"  knife-edge: {edge}")
    print()
    print("equilibria" + (" (degenerate game)" if report["degenerate"] else "") + ":")
    for n, equilibrium in enumerate(report["equilibria"], 1):
        parts = [
            f"{player}: " + ", ".join(f"{action} {p}" for action, p in mix.items())
            for player, mix in equilibrium.items()
        ]
        print(f"  {n}. " + "; ".join(parts))
    if report["continua"]:
        print("continua of equilibria (every point in between is an equilibrium):")
        for continuum in report["continua"]:
            print(f"  - {continuum}")
    print()
    print("parameters:")
    cited = []
    for parameter in report["parameters"]:
        print(f"  {_labelled(parameter['name'], parameter['value'], report['players'])}")
        for record in parameter.get("citations", []):
            cited.append(_citation(record))
            print(f"      source: {learner_note(learner_citation(cited[-1]))}")
        if "assumption" in parameter:
            print(f"      assumption: {learner_note(parameter['assumption'])}")
    if "second_layer" in report:
        cited += _print_second_layer(report["second_layer"], report["players"])
    if report.get("readings"):
        cited += _print_readings(report["readings"])
    _print_references(cited)


def _print_readings(readings: list) -> list:
    """Print each reading of a disputed motive side by side; return the citations shown."""
    cited = []
    print()
    print("readings of a disputed motive, side by side (spiral vs deterrence model, Jervis 1976):")
    for r in readings:
        print(f"  {r['held_by']} — {r['claim']}")
        for record in r["citations"]:
            cited.append(_citation(record))
            print(f"      source: {learner_note(learner_citation(cited[-1]))}")
        print(f"      true types: {', '.join(r['true_types'])}; priors: {', '.join(r['priors'])}; "
              f"misperception: {', '.join(r['misperception'])}")
        print(f"      {r['prediction']}")
    print(f"  theory: {readings_module.JERVIS}")
    return cited


def _labelled(name: str, value, players) -> str:
    """``o₁ = 82/85: Serbia's offense advantage (offense_1)``: the learner's label, the value
    and the name ``--set`` takes (a name outside the table, such as a prior, as it is)."""
    if name not in PARAMETERS:
        return f"{name} = {value}"
    actors = cases.actors()
    names = tuple(actors[p].name if p in actors else p for p in players)
    info = PARAMETERS[name]
    return f"{info.unicode} = {value}: {info.words(names)} ({name})"


def _print_second_layer(layer: dict, players=()) -> list:
    """Print the second layer (types and beliefs); return the citations it showed."""
    cited = []
    print()
    print("second layer: the game of beliefs (types and priors), with the same kin stakes and provocation as the")
    print("one game above (Kydd 2005; Jervis 1976; Posen 1993):")
    print("  types: a greedy type has the payoffs of the game above (it covets the stakes W); a security")
    print("  seeker has μ = 1 and v = 0 (greed needs a revisionist motive):")
    shown = [p for p in layer["parameters"] if p["name"] == "motive_weight"]
    for parameter in shown + layer["priors"]:
        about = f" (belief that {parameter['about']} is a security seeker)" if "about" in parameter else ""
        print(f"  {_labelled(parameter['name'], parameter['value'], players)}{about}")
        for record in parameter.get("citations", []):
            cited.append(_citation(record))
            print(f"      source: {learner_note(learner_citation(cited[-1]))}")
        if "assumption" in parameter:
            print(f"      assumption: {learner_note(parameter['assumption'])}")
    truth = ", ".join(f"{player} {kind}" for player, kind in layer["true_types"].items())
    print(f"  true types taken here (the spiral asks what two security seekers do): {truth}")
    for line in layer["trust"] + layer["equilibria_text"]:
        print(f"  {line}")
    for entry in layer.get("prior_ranges", []):
        if entry["threshold_inside"]:
            print(f"  knife-edge: {entry['name']} = {entry['value']} has the plausible range {entry['low']} to "
                  f"{entry['high']}, and {entry['player']}'s trust threshold {entry['threshold']} lies inside it: "
                  f"below {entry['threshold']} its security seeker arms, at or above it it can trust.")
    print(f"  each fears the other (two-sided dilemma): {'yes' if layer['two_sided'] else 'no'}; "
          f"spiral of security seekers: {'yes' if layer['spiral'] else 'no'}")
    print("  theory:")
    for entry in mechanisms.THEORY_REFERENCES:
        print(f"    {entry}")
    return cited


def _timeline_rows(case_id: str, members: dict, presences: dict | None = None) -> list[dict]:
    case = cases.load(case_id)
    rows = []
    for entry in case.timeline(members=members, presences=presences):
        rows.append(
            {
                "date": entry.date,
                "event": entry.event.id,
                "title": entry.event.title,
                "classes": entry.classes,
                "equilibria": [
                    {player: {a: str(p) for a, p in mix.items()} for player, mix in cases.mixes_by_player(entry.game, eq).items()}
                    for eq in entry.equilibria
                ],
                "citations": [c.as_dict() for c in entry.event.citations],
            }
        )
    return rows


def _print_timeline(rows: list[dict]) -> None:
    cited = []
    for row in rows:
        classes = ", ".join(f"{p}: {CLASS_TITLES.get(c, c)}" for p, c in row["classes"].items())
        arming = " | ".join(
            ", ".join(f"{p} arms {mix['arm']}" for p, mix in eq.items()) for eq in row["equilibria"]
        )
        print(f"{row['date']:<10}  {row['title']}")
        print(f"{'':<10}  {classes}; equilibria: {arming}")
        for record in row["citations"]:
            cited.append(_citation(record))
            print(f"{'':<10}  source: {learner_note(learner_citation(cited[-1]))}")
    _print_references(cited)


def _print_sensitivity(report: dict) -> None:
    players = cases.load(report["case"]).players
    print(f"{report['case']}, {report['year']}: where each parameter flips the result")
    print("(margin: distance from the case's value to the nearest flip; none: it never flips)")
    for entry in sorted(
        report["parameters"],
        key=lambda e: (e["margin"] is None, Fraction(e["margin"]) if e["margin"] else 0, e["name"]),
    ):
        margin = "none" if entry["margin"] is None else entry["margin"]
        print(f"  {_labelled(entry['name'], entry['value'], players)}  margin {margin}")
        for flip in entry["flips"]:
            print(f"      at {flip['at']}: {flip['changes']}")


def main(argv=None) -> int:
    """Run the command line; returns the exit status (0, or 2 on bad input).

    Output piped into a program that stops reading early (``| head``) ends quietly with
    status 1, as Python's documentation recommends, instead of a BrokenPipeError traceback.
    """
    try:
        status = _main(argv)
        sys.stdout.flush()  # a closed pipe shows here, while the error can still be caught
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush is silent
        return 1
    return status


def _main(argv=None) -> int:
    """Run the command line; returns the exit status (0, or 2 on bad input).

    Args:
        argv: the arguments without the program name (default: ``sys.argv[1:]``).

    Returns:
        0 on success; 2 when a case, actor, alliance, year or parameter is unknown or a
        value is out of range (the message on stderr lists the valid choices).
    """
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if args.command in ("lab", "present"):  # further options go to JupyterLab or Voila
        return run_subcommand(args, extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if args.command == "cases":
            _print_cases(args.json)
            return 0
        if args.command == "timeline":
            rows = _timeline_rows(args.case, _pairs(args.member, "--member"), _pairs(args.presence, "--presence"))
            if args.json:
                print(json.dumps(rows, indent=2, ensure_ascii=False))
            else:
                _print_timeline(rows)
            return 0
        if args.command == "sensitivity":
            report = _sensitivity_report(args)
            if args.json:
                print(json.dumps(report, indent=2, ensure_ascii=False))
            else:
                _print_sensitivity(report)
            return 0
        if args.command == "robustness":
            robust = _robustness_report(args)
            if args.json:
                print(json.dumps(robust.as_dict(), indent=2, ensure_ascii=False))
            else:
                print("\n".join(robust.lines()))
            return 0
        case = cases.load(args.case)
        overrides = _pairs(args.settings, "--set")
        unknown = [name for name in overrides if name not in SETTABLE]
        if unknown:
            raise ValueError(f"unknown parameter {unknown[0]!r}; valid choices: {', '.join(SETTABLE)}")
        priors = {name: overrides.pop(name) for name in mechanisms.PRIOR_NAMES if name in overrides}
        members = _pairs(args.member, "--member")
        presences = _pairs(args.presence, "--presence")
        report = case.report(year=_year(args.year), members=members, overrides=overrides, presences=presences)
        report["knife_edges"] = case.knife_edges(_year(args.year), members, overrides, presences)
        # The game of beliefs (types and priors) of the same game, and the readings side by side.
        report["second_layer"] = mechanisms.layer_report(case, _year(args.year), members, overrides, priors, presences)
        prior_pair = tuple(Fraction(p["value"]) for p in report["second_layer"]["priors"])
        report["readings"] = [
            r.as_dict() for r in readings_module.compare(case, _year(args.year), members, overrides, presences, prior_pair)
        ]
    except ValueError as error:
        print(f"balkangames: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_show(report)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
