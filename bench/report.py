"""Turn report.json into bench/REPORT.md and the growth chart."""

import json

from common import ROOT

# Wagtail's demo project (bakerydemo) serving its blog page without a page cache, as a share
# of a static file of the same size served by the same gunicorn (2 workers, 8 connections).
PEER_UNCACHED_RATIO = 0.018
TARGETS = {
    "queries_per_article": 12,
    "cached_ratio": 0.7,
    "uncached_ratio": 2 * PEER_UNCACHED_RATIO,
    "spike_p99_ms": 100,
    "search_p95_ms": 50,
    "import_pairs_per_second": 100,
    "publish_ms": 1000,
}


def verdict(ok, detail, value=None, target=None):
    """'met' or 'MISSED', and for a miss how far off the target it is."""
    if ok:
        return f"met ({detail})"
    if value and target:
        factor = max(value / target, target / value)
        return f"MISSED ({detail}; {factor:.1f}× off the target)"
    return f"MISSED ({detail})"


def ratio_verdict(ratio, target):
    """A ratio to the static file against its target; None when the static file gave no
    figure to divide by."""
    if ratio is None:
        return "not measured in this run (the static file read 0 requests a second)"
    return verdict(ratio >= target, ratio, ratio, target)


def publish_summary(publish):
    if publish["total_ms"] is None:
        missed = ", ".join(publish.get("not_visible", []))
        return f"not visible within 30 s: {missed}"
    parts = []
    for language in ("ru", "en"):
        figures = publish.get(language, {})
        done = figures.get("publish_ms")
        # Runs before the publication of each address had its own kept a single time.
        done = done.get("median_ms") if isinstance(done, dict) else done
        pages = ", ".join(
            f"{url.split('?')[0]} {ms}" for url, ms in figures.get("visible_ms", {}).items()
        )
        parts.append(f"{language}: publish {done} ms, then seen at {pages} ms")
    return f"{publish['total_ms']} ms at worst ({'; '.join(parts)})"


def chart(report):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    figure, axes = plt.subplots(1, 3, figsize=(13, 4))
    for engine, data in report["engines"].items():
        sizes = [step["size"] for step in data["steps"]]
        axes[0].plot(
            sizes, [s["article"]["ru"]["median_ms"] for s in data["steps"]], "o-", label=engine
        )
        search = [s["search"].get("plain", {}).get("p95_ms") for s in data["steps"]]
        if all(value is not None for value in search):
            axes[1].plot(sizes, search, "o-", label=f"{engine}, results page")
        index_only = data.get("search_index_only") or []
        if index_only:
            axes[1].plot(
                [s["size"] for s in index_only],
                [s["search"]["plain"]["p95_ms"] for s in index_only],
                "s--",
                label=f"{engine}, engine on index rows",
            )
        axes[2].plot(
            sizes, [s["database_bytes"] / 2**20 for s in data["steps"]], "o-", label=engine
        )
    axes[1].set_yscale("log")
    titles = ["Article render, median (ms)", "Search p95 (ms)", "Database size (MiB)"]
    for axis, title in zip(axes, titles, strict=True):
        axis.set_title(title)
        axis.set_xscale("log")
        axis.set_xlabel("release pairs")
        axis.legend()
        axis.grid(True, alpha=0.3)
    figure.tight_layout()
    path = ROOT / "bench" / "growth.png"
    figure.savefig(path, dpi=100)
    return path.name


def index_only_section(steps):
    if not steps:
        return []
    lines = [
        "",
        "### Search engine on index rows alone (bench/search_scale.py)",
        "",
        "The search index filled straight from a generated export, with no pages behind it;"
        " the engine's query only, without the results page.",
        "",
        "| pairs | query set | matches per query (median) | median ms | p95 ms | index MiB |",
        "|---|---|---|---|---|---|",
    ]
    for step in steps:
        for label, figures in step["search"].items():
            name = f"{label} ({figures['filter']})" if figures.get("filter") else label
            lines.append(
                f"| {step['size']} | {name} | {figures['matches_median']:g}{past(figures)} "
                f"| {figures['median_ms']} | {figures['p95_ms']} "
                f"| {step['index_bytes'] / 2**20:.1f} |"
            )
    return lines


RELEVANCE_KINDS = {
    "title": "exact title",
    "words": "2-4 of its words",
    "forms": "other forms of its words",
    "title_words": "2-4 of its title words, common in bodies",
}


def relevance_section(runs):
    """Recall and latency of the planted releases' queries (bench/search_relevance.py)."""
    if not runs:
        return []
    lines = [
        "",
        "### Search relevance over the whole archive (bench/search_relevance.py)",
        "",
        "Planted releases of every year looked up without a year filter, in an archive"
        " where the city's name, the partner cities and 'сотрудничество' / 'cooperation'"
        " are in most releases; the engine's query on index rows.",
        "",
        "| pairs | query | queries | recall@1 | recall@3 | MRR | median ms | p95 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        for kind, label in RELEVANCE_KINDS.items():
            if kind not in run["figures"]:
                continue  # a run from before this kind of query was measured
            both = run["figures"][kind]["both"]
            latency = run["figures"][kind]["latency"]
            lines.append(
                f"| {run['pairs']} | {label} | {both['queries']} | {both['recall_at_1']} "
                f"| {both['recall_at_3']} | {both['mrr']} | {latency['median_ms']} "
                f"| {latency['p95_ms']} |"
            )
    past = [run for run in runs if run.get("past_the_bound")]
    if past:
        lines += [
            "",
            "Pages past the ranked matches: searches made only of common words (far more"
            " releases hold every word than are ranked), by relevance and by date; the"
            " older full matches follow the ranked ones, newest first.",
            "",
            "| pairs | page | median ms | p95 ms |",
            "|---|---|---|---|",
        ]
        for run in past:
            figures = run["past_the_bound"]
            for name, number in figures["pages"].items():
                lines.append(
                    f"| {run['pairs']} | {number} | {figures[name]['median_ms']}"
                    f" | {figures[name]['p95_ms']} |"
                )
    return lines


def crawl_section(steps):
    """The archive read by a crawler, each address once (bench/crawl.py)."""
    crawled = [step for step in steps if step.get("crawl")]
    if not crawled:
        return []
    first = crawled[0]["crawl"]
    lines = [
        "",
        "### Archive crawl (gunicorn, bench/crawl.py)",
        "",
        f"Distinct release addresses (both languages) in random order, each read once by"
        f" {first['clients']} keep-alive clients, the page cache on ({first['cache']}), so"
        " every request misses it. The static file (a copy of the benchmark's release) is"
        " read by wrk with as many connections just before and just after the crawl; the"
        " ratio is to the mean of the two. The clients' ceiling is the same clients on the"
        " static file.",
        "",
        "| pairs | addresses | req/s | p50 ms | p99 ms | errors | static req/s before / after"
        " | ratio to static | clients' ceiling req/s | clients' CPU (of a core) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for step in crawled:
        run = step["crawl"]
        figures = run["crawl"]
        lines.append(
            f"| {pairs(step)} | {run['pages']} | {figures['rps']} | {figures['p50_ms']} "
            f"| {figures['p99_ms']} | {_errors(figures)} | {run['static_before']['rps']} / "
            f"{run['static_after']['rps']} | {figures['ratio_to_static']} "
            f"| {run['client_ceiling_on_static']['rps']} | {figures['client_cpu_share']} |"
        )
    lines += ["", "#### What limits the crawl", "", *crawl_limits(crawled)]
    return lines


def crawl_limits(crawled):
    """What the run measured about the crawl's pace: the clients, then cold renders."""
    lines = []
    for step in crawled:
        run = step["crawl"]
        ceiling = run["client_ceiling_on_static"]["rps"]
        rps = run["crawl"]["rps"]
        lines.append(
            f"- At {step['size']} pairs the clients reached {ceiling} req/s on the static file"
            f" against {rps} req/s on the crawl ({ceiling / rps:.0f}× headroom) and used"
            f" {run['crawl']['client_cpu_share']:.1%} of a core while crawling: "
            + (
                "the server sets the pace."
                if ceiling >= 5 * rps
                else "the clients are close to their ceiling; the figure is a lower bound."
            )
        )
    for step in crawled:
        photos = step["crawl"].get("photos_prepared")
        if photos:
            lines.append(
                f"- Before the crawl at {step['size']} pairs, the sizes of the archive's"
                f" {photos['photos']} photos were made as the worker makes them after an"
                f" import: {photos['renditions_made']} renditions in {photos['seconds']} s"
                " (copied releases share their originals' photos)."
            )
    for step in crawled:
        made = step["crawl"]["crawl"].get("renditions_made")
        if made:
            lines.append(
                f"- At {step['size']} pairs the crawl made {made} image renditions (photos"
                " no one had viewed), in the crawl's time."
            )
    for step in crawled:
        profile = step["crawl"]["profile"]
        shares = sorted(profile["own_time_shares"].items(), key=lambda item: -item[1])
        parts = ", ".join(f"{name} {share:.0%}" for name, share in shares if share >= 0.02)
        lines.append(
            f"- In process at {step['size']} pairs, {profile['renders']} renders of crawled"
            " addresses missing the page cache (their renditions made by then):"
            f" median {profile['median_ms']} ms, {profile['queries_per_render']}"
            f" queries each, {profile['database_share']:.0%} of the time waiting on the"
            f" database. Own time under cProfile ({profile['profiled_renders']} more renders):"
            f" {parts}."
        )
    return lines


def publication_spike(engine):
    """Readers in the 10 s after a publication from the last `make load-publish`, or why not."""
    try:
        data = json.loads((ROOT / "bench" / f"load_publish-{engine}.json").read_text())
    except (OSError, ValueError):
        return "not measured (make load-publish)"
    readers = data.get("after_publication")
    rounds = len((data.get("publication_spike") or {}).get("rounds") or [])
    how = f"the slowest of {rounds} publications" if rounds else "after a publication"
    interval = (data.get("publishing") or {}).get("interval_s")
    if readers is None and interval is not None and interval <= 10 and data.get("readers"):
        # Publishing at least every 10 s, every reader request fell within 10 s of one.
        readers = data["readers"]
        how = f"readers while an editor published every {interval:g} s"
    if readers is None or readers.get("p99_ms") is None:
        return "not measured in this run"
    errors = readers.get("errors")
    if errors is None:
        kinds = ("status_4xx", "status_5xx", "socket_errors", "timeouts")
        errors = sum(readers.get(key) or 0 for key in kinds)
    return {"p99_ms": readers["p99_ms"], "errors": errors, "how": how}


def past(figures):
    """How many of the queries matched more than the search ranks (SEARCH_RANKED_MATCHES)."""
    if not figures.get("past_bound"):
        return ""
    return f" ({figures['past_bound']} of {figures['queries']} queries: more, newest ranked)"


def pairs(step):
    return f"{step['size']} (copied)" if step.get("copied") else str(step["size"])


def _errors(figures):
    kinds = figures.get("error_kinds")
    if not kinds:
        return str(figures["errors"])
    return f"{figures['errors']} (" + ", ".join(f"{k} {n}" for k, n in kinds.items()) + ")"


def engine_section(engine, data):
    lines = [f"## {engine}", ""]
    carried = data.get("carried")
    if carried:
        kept = ", ".join(f"`{name}` ({when})" for name, when in sorted(carried.items()))
        lines += [f"Left out of this run, and kept from the run that measured them: {kept}.", ""]
    last = data["steps"][-1]
    lines += [
        "### Article page, uncached (in-process, 200 renders)",
        "",
        "| pairs | language | queries | median ms | p95 ms |",
        "|---|---|---|---|---|",
    ]
    for step in data["steps"]:
        for language, figures in step["article"].items():
            lines.append(
                f"| {pairs(step)} | {language} | {figures['queries']} | "
                f"{figures['median_ms']} | {figures['p95_ms']} |"
            )
    listings = last.get("listing_queries")
    if listings:
        lines += ["", "Queries of uncached listings (last step): "]
        lines[-1] += ", ".join(f"`{url}` {count}" for url, count in listings.items()) + "."
    lines += [
        "",
        "### Search latency (in-process)",
        "",
        "A query matching more releases than `SEARCH_RANKED_MATCHES` (1,000 unless set) has"
        " its newest that many ranked and counted (docs/search.md), which the match column"
        " says.",
        "",
        "| pairs | query set | matches per query | median ms | p95 ms |",
        "|---|---|---|---|---|",
    ]
    for step in data["steps"]:
        for label, figures in step["search"].items():
            if isinstance(figures, dict):
                # Reports before the match counts were recorded leave the column empty.
                matches = (
                    f"{figures['matches_min']}–{figures['matches_max']}{past(figures)}"
                    if "matches_min" in figures
                    else ""
                )
                name = f"{label} ({figures['filter']})" if figures.get("filter") else label
                lines.append(
                    f"| {pairs(step)} | {name} | {matches} | {figures['median_ms']} "
                    f"| {figures['p95_ms']} |"
                )
            else:
                lines.append(f"| {pairs(step)} | {label}: {figures} | | | |")
    lines += index_only_section(data.get("search_index_only"))
    lines += relevance_section(data.get("search_relevance"))
    lines += crawl_section(data["steps"])
    load = data.get("load") or {"skipped": "not measured in this run (BENCH_SKIP)"}
    lines += ["", "### Throughput under load (gunicorn, wrk)", ""]
    if "skipped" in load:
        lines.append(f"Skipped: {load['skipped']}")
    else:
        lines += [
            f"Page size: {load['page_bytes']} bytes; the static file is a copy of the article.",
            "",
            "| target | req/s | p50 ms | p99 ms | errors | ratio to static |",
            "|---|---|---|---|---|---|",
        ]
        for name, figures in load.items():
            if isinstance(figures, dict):
                lines.append(
                    f"| {name} | {figures['rps']} | {figures['p50_ms']} | {figures['p99_ms']} | "
                    f"{_errors(figures)} | {figures['ratio_to_static']} |"
                )
        rounds = {
            name: figures
            for name, figures in load.items()
            if isinstance(figures, dict) and "ratios_by_round" in figures
        }
        if rounds:
            count = len(next(iter(rounds.values()))["ratios_by_round"])
            lines += [
                "",
                f"The `_redis` rows come from {count} rounds on a server of their own with "
                "Redis as the cache (2 workers like the other rows; those ending in"
                " `_3_workers` on one with 3, as the Procfile starts it), each round reading"
                " the static file and then each page; their ratios are to the static file of"
                " the same round, and the median round is shown. Ratios by round, with the"
                " static file's req/s: "
                + "; ".join(
                    f"{name} {', '.join(f'{r:g}' for r in figures['ratios_by_round'])} ("
                    + ", ".join(f"{rps:g}" for rps in figures["static_rps_by_round"])
                    + ")"
                    for name, figures in rounds.items()
                )
                + ".",
            ]
    memory = data.get("memory")
    without = data.get("import_without_images")
    imported = [step for step in data["steps"] if not step.get("copied")][-1]
    lines += [
        "",
        "### Import, publishing, translation, memory",
        "",
        f"- Import with images: {imported['import_pairs_per_second_with_images']} pairs/s "
        f"(last imported step, {imported['size']} pairs in all).",
        (
            f"- Import without images: {without['pairs_per_second']} pairs/s "
            f"({without['pairs']} pairs in {without['seconds']} s)."
            if without
            else "- Import without images: not measured in this run."
        ),
        "- Publish to visible (article, archive, feed and search, both languages): "
        + publish_summary(last["publish"])
        + ".",
        f"- Translation sync of a 50-block release: median "
        f"{last['translation_sync_50_blocks']['median_ms']} ms.",
        (
            f"- Worker memory: {memory['rss_mib_at_half']} MiB after "
            f"{memory['requests'] // 2} requests, "
            f"{memory['rss_mib_at_end']} MiB after {memory['requests']} "
            f"(growth {memory['growth_mib_last_half']} MiB over the last half)."
            if memory
            else "- Worker memory: not measured in this run."
        ),
        "",
        "### Targets",
        "",
    ]
    queries = max(f["queries"] for f in last["article"].values())
    lines.append(
        f"- Queries per article render ≤ {TARGETS['queries_per_article']}: "
        + verdict(queries <= TARGETS["queries_per_article"], f"{queries}")
    )
    if "skipped" not in load:
        cached = load["article_cached"]["ratio_to_static"]
        uncached = load["article_uncached"]["ratio_to_static"]
        lines.append(
            f"- Cached article ≥ {TARGETS['cached_ratio']} of static: "
            + ratio_verdict(cached, TARGETS["cached_ratio"])
        )
        # What a deployment with several workers gets: they must share the cache.
        shared = load.get("article_cached_redis")
        ratio = shared and shared["ratio_to_static"]
        lines.append(
            f"- Cached article ≥ {TARGETS['cached_ratio']} of static, Redis as the cache: "
            + (
                ratio_verdict(ratio, TARGETS["cached_ratio"])
                if shared
                else "not measured in this run (Redis did not answer)"
            )
            + (
                f"; with the Procfile's 3 workers: {procfile['ratio_to_static']}"
                if (procfile := load.get("article_cached_redis_3_workers"))
                else ""
            )
        )
        lines.append(
            f"- Uncached article ≥ {TARGETS['uncached_ratio']:g} of static"
            f" (2× the peer bakerydemo, {PEER_UNCACHED_RATIO}): "
            + ratio_verdict(uncached, TARGETS["uncached_ratio"])
        )
        errors = sum(f["errors"] for f in load.values() if isinstance(f, dict))
        lines.append("- Zero errors under load: " + verdict(errors == 0, f"{errors} errors"))
    search = last["search"]
    if "plain" in search:
        worst = max(search["plain"]["p95_ms"], search["filtered"]["p95_ms"])
        lines.append(
            f"- Search p95 < {TARGETS['search_p95_ms']} ms at {last['size']} pairs: "
            + verdict(
                worst < TARGETS["search_p95_ms"], f"{worst} ms", worst, TARGETS["search_p95_ms"]
            )
        )
    for run in data.get("search_relevance") or []:
        figures = run["figures"]
        recall = min(
            figures[kind]["both"]["recall_at_3"]
            for kind in ("title", "words", "title_words")
            if kind in figures
        )
        first = figures["title"]["both"]["recall_at_1"]
        worst = figures["all"]["latency"]["p95_ms"]
        lines.append(
            f"- Relevance at {run['pairs']} pairs, recall@3 >= 0.95 for titles and words and"
            " an exact title first >= 0.95: "
            + verdict(recall >= 0.95 and first >= 0.95, f"{recall}, {first}")
        )
        lines.append(
            f"- Relevance queries p95 < {TARGETS['search_p95_ms']} ms at {run['pairs']} pairs: "
            + verdict(
                worst < TARGETS["search_p95_ms"], f"{worst} ms", worst, TARGETS["search_p95_ms"]
            )
        )
    index_only = data.get("search_index_only")
    if index_only:
        step = index_only[-1]
        worst = max(figures["p95_ms"] for figures in step["search"].values())
        lines.append(
            f"- Search p95 < {TARGETS['search_p95_ms']} ms at {step['size']} pairs"
            " (engine on index rows): "
            + verdict(
                worst < TARGETS["search_p95_ms"], f"{worst} ms", worst, TARGETS["search_p95_ms"]
            )
        )
    lines.append(
        f"- Import ≥ {TARGETS['import_pairs_per_second']} pairs/s without images: "
        + (
            verdict(
                without["pairs_per_second"] >= TARGETS["import_pairs_per_second"],
                without["pairs_per_second"],
                without["pairs_per_second"],
                TARGETS["import_pairs_per_second"],
            )
            if without
            else "not measured in this run"
        )
    )
    publish = last["publish"]["total_ms"]
    lines.append(
        f"- Publish to visible < {TARGETS['publish_ms']} ms: "
        + verdict(
            publish is not None and publish < TARGETS["publish_ms"],
            publish_summary(last["publish"]),
        )
    )
    spike = publication_spike(engine)
    lines.append(
        f"- Readers in the 10 s after a publication: p99 < {TARGETS['spike_p99_ms']} ms,"
        f" 0 errors (bench/load_publish-{engine}.json): "
        + (
            verdict(
                spike["p99_ms"] < TARGETS["spike_p99_ms"] and spike["errors"] == 0,
                f"p99 {spike['p99_ms']} ms, {spike['errors']} errors, {spike['how']}",
                # How far off only when the p99 is what misses.
                spike["p99_ms"] if spike["p99_ms"] >= TARGETS["spike_p99_ms"] else None,
                TARGETS["spike_p99_ms"],
            )
            if isinstance(spike, dict)
            else spike
        )
    )
    for step in data["steps"]:
        if step.get("crawl"):
            figures = step["crawl"]["crawl"]
            lines.append(
                f"- Archive crawl at {step['size']} pairs: no target yet"
                f" ({figures['ratio_to_static']} of static, p99 {figures['p99_ms']} ms,"
                f" {figures['errors']} errors)"
            )
    if memory:
        growth = memory["growth_mib_last_half"]
        lines.append(
            "- No worker memory growth after warm-up: " + verdict(growth <= 1.0, f"{growth} MiB")
        )
    return lines


def write_report(report):
    machine = report["machine"]
    lines = [
        "# Benchmark report",
        "",
        f"Measured {report['when']} on {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['memory']}, Python {machine['python']}. Largest archive: "
        f"{report['releases']} release pairs. Figures are medians and percentiles of "
        "repeated runs; ratios compare measurements taken in the same run.",
        "",
    ]
    image = chart(report)
    if image:
        lines += [f"![Growth with archive size]({image})", ""]
    for engine, data in report["engines"].items():
        section = engine_section(engine, data)
        if data.get("when"):
            # Engines may be measured in separate runs (BENCH_ENGINES); ratios are always
            # taken within one engine's run.
            built = ""
            if data.get("import_up_to"):
                built = (
                    f" Archives imported up to {data['import_up_to']} pairs,"
                    " larger ones copied from the imported releases (bench/grow.py)."
                )
            section[1:1] = ["", f"Measured from {data['when']}.{built}"]
        lines += [*section, ""]
    # What limits the missed targets comes from profiles, written up by hand beside the
    # figures (bench/LIMITS.md) and carried into every report.
    limits = ROOT / "bench" / "LIMITS.md"
    if limits.exists():
        lines += [limits.read_text().strip(), ""]
    # The page weight is measured in a browser by bench/page_weight.py (make page-weight),
    # apart from this run; its last figures stay in the report.
    weight = ROOT / "bench" / "PAGE_WEIGHT.md"
    if weight.exists():
        lines += ["<!-- page-weight -->", weight.read_text().strip(), "<!-- /page-weight -->", ""]
    (ROOT / "bench" / "REPORT.md").write_text("\n".join(lines))
