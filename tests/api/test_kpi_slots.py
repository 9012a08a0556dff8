"""Counter slots (issue 17, migration 029): on PostgreSQL one KPI counter key may be kept on up to
eight rows, each connection adding to its own slot, and every reader sums over them.

On PostgreSQL the demo desk's counters are spread over several slots per key (each row split in
two, the halves on different slots; the closed months' rollups dropped so that they are built
again from the spread rows): every reader — the summary at each scope, form 06a, the step times,
the 766 index, the public results — answers exactly what it answered with one row per key, and
`kpi-verify` reports the same rows and 0 differences. A difference on a slot other than 0 is
named, and `--repair` writes every key on slot 0 again with the figures unchanged. Then 16
clients take in dossiers at one desk at once: the server's own writes land on several slots and
`kpi-verify` still finds nothing to correct. On SQLite (one writer) the tables have no slot
column; the live part runs there too. Runs on the store MOTCUA_TEST_DB names."""
import os
import sqlite3
import subprocess
import threading
import unittest
import urllib.parse

from harness import Client, Server, account, as_staff, intake, procedure_for, today_vn

NOW = "2026-04-20T10:00:00+07:00"
TABLES = ("kpi_daily", "kpi_due", "kpi_agency_daily", "kpi_agency_due", "kpi_step")
server = None
monitor = None


def setUpModule():
    global server, monitor
    server = Server().setup()
    server.run("seed-demo", "--now", NOW, "--seed", "29", "--scale", "1", "--weeks", "8")
    server.start()
    monitor = Client(server)
    user, pw, _ = account("province_monitor")
    monitor.login(user, pw)


def tearDownModule():
    server.stop()


def pg():
    return server.engine == "postgres"


def sql(statement):
    """Runs statements on the server's store; returns the last one's rows (lists of text)."""
    if pg():
        out = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-X", "-q", "-A", "-t", "-F", "|",
                              "-v", "ON_ERROR_STOP=1", "-c", statement],
                             check=True, capture_output=True, text=True).stdout
        return [ln.split("|") for ln in out.splitlines() if ln]
    db = sqlite3.connect(server.db[len("sqlite:"):], timeout=30)
    rows = [[str(v) for v in r] for r in db.execute(statement).fetchall()]
    db.commit()
    db.close()
    return rows


def columns(table):
    """(key columns without slot, counter columns) of a table, as the store has them."""
    rows = sql("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '%s'"
               " ORDER BY ordinal_position" % table)
    keys = [c for c, t in rows if t != "bigint" and c != "slot"]
    vals = [c for c, t in rows if t == "bigint"]
    return keys, vals


def spread():
    """Splits every counter row in two: the original slot keeps v − v/2, another slot gets v/2."""
    for t in TABLES:
        keys, vals = columns(t)
        cols = ", ".join(keys + ["slot"] + vals)
        other = "(slot + 1 + abs(hashtext(%s)) %% 7) %% 8" % " || ".join("%s::text" % k for k in keys)
        sets = ", ".join("%s = %s.%s + excluded.%s" % (v, t, v, v) for v in vals)
        sql("CREATE TEMP TABLE x AS SELECT * FROM {t}; DELETE FROM {t};"
            " INSERT INTO {t} ({cols}) SELECT {keys}, slot, {kept} FROM x;"
            " INSERT INTO {t} ({cols}) SELECT {keys}, {other}, {half} FROM x"
            " ON CONFLICT ({pk}) DO UPDATE SET {sets};".format(
                t=t, cols=cols, keys=", ".join(keys), other=other, sets=sets, pk=", ".join(keys + ["slot"]),
                kept=", ".join("%s - %s / 2" % (v, v) for v in vals), half=", ".join("%s / 2" % v for v in vals)))
    # The closed months are built again from the spread rows on the next read.
    sql("UPDATE kpi_rollup SET built_through = '', generation = generation + 1 WHERE id = 1;"
        " DELETE FROM kpi_month; DELETE FROM kpi_agency_month; DELETE FROM kpi_month_stock;"
        " DELETE FROM kpi_agency_month_stock; DELETE FROM kpi_step_month;")  # as store::drop_rollups


def get(path, **query):
    status, body, _ = monitor.get(path + "?" + urllib.parse.urlencode(query))
    assert status == 200, (path, query, status, body)
    return body


def readers():
    """Every figure a reader of the counters gives, by name."""
    agency = sql("SELECT agency_id FROM kpi_daily GROUP BY agency_id ORDER BY SUM(received) DESC, agency_id LIMIT 1")[0][0]
    proc = sql("SELECT procedure_id FROM kpi_daily WHERE agency_id = '%s' GROUP BY procedure_id"
               " ORDER BY SUM(received) DESC, procedure_id LIMIT 1" % agency)[0][0]
    out = {}
    for f, t in (("2026-03-01", "2026-03-31"), ("2026-01-01", "2026-04-20"), ("2026-03-16", "2026-04-12")):
        p = {"from": f, "to": t}
        for scope in ("province", "agency:" + agency, "level:commune"):
            out[("summary", scope, f, t)] = get("/api/v1/kpi/summary", scope=scope, **p)
            out[("form06a", scope, f, t)] = get("/api/v1/kpi/form06a", scope=scope, **p)
            out[("index766", scope, f, t)] = get("/api/v1/kpi/index766", scope=scope, **p)
        out[("summary", "procedure", f, t)] = get("/api/v1/kpi/summary", scope="agency:" + agency, procedure=proc, **p)
        out[("steps", f, t)] = get("/api/v1/kpi/steps", scope="province", **p)
    for period in ("2026-Q1", "2026-03", "2026"):
        out[("public", period)] = get("/api/v1/public/results", period=period)
    return out


def verify(*args):
    r = server.run("kpi-verify", *args, check=False)
    return r.returncode, r.stdout


class Slots(unittest.TestCase):
    state = {}

    def assertSameFigures(self, before, after):
        self.assertEqual(sorted(before), sorted(after))
        for k in before:
            self.assertEqual(before[k], after[k], k)

    def test_1_every_reader_sums_over_slots(self):
        if not pg():
            self.assertEqual(sql("SELECT COUNT(*) FROM pragma_table_info('kpi_daily') WHERE name = 'slot'"), [["0"]])
            self.skipTest("SQLite keeps one row per key (migration 029 adds nothing there)")
        before = readers()
        self.state["before"] = before
        rc, out0 = verify()
        self.assertEqual(rc, 0, out0[-2000:])
        spread()
        for t in TABLES:
            n, keys = sql("SELECT COUNT(*), COUNT(DISTINCT (%s)) FROM %s" % (", ".join(columns(t)[0]), t))[0]
            self.assertGreater(int(n), int(keys), t)  # several rows for most keys
        self.assertSameFigures(before, readers())
        rc, out1 = verify()
        self.assertEqual(rc, 0, out1[-2000:])
        self.assertIn("0 chỗ lệch", out1)
        self.assertEqual(out0, out1)  # the same rows per key reported

    def test_2_repair_writes_slot_0_with_the_same_figures(self):
        if not pg():
            self.skipTest("PostgreSQL only")
        # Differences kept on slots other than 0 are named, and the repair (which rewrites the
        # tables that differ: here the daily and the step counters) undoes them.
        sql("UPDATE kpi_daily SET received = received + 1 WHERE slot <> 0 AND (agency_id, day, procedure_id, channel, slot) ="
            " (SELECT agency_id, day, procedure_id, channel, slot FROM kpi_daily WHERE slot <> 0 AND received > 0"
            " ORDER BY day, agency_id, procedure_id, channel, slot LIMIT 1)")
        sql("UPDATE kpi_step SET n = n + 1, h0 = h0 + 1 WHERE slot <> 0 AND (agency_id, day, procedure_id, step, role,"
            " at_agency_id, slot) = (SELECT agency_id, day, procedure_id, step, role, at_agency_id, slot FROM kpi_step"
            " WHERE slot <> 0 ORDER BY day, agency_id, procedure_id, step, role, at_agency_id, slot LIMIT 1)")
        rc, out = verify()
        self.assertEqual(rc, 3, out[-2000:])
        self.assertIn("LỆCH: Bộ đếm received", out)
        self.assertIn("LỆCH: Thời gian theo bước", out)
        rc, out = verify("--repair")
        self.assertEqual(rc, 3, out[-2000:])
        self.assertIn("Đã ghi lại bộ đếm", out)
        rc, out = verify()
        self.assertEqual(rc, 0, out[-2000:])
        for t in TABLES:
            self.assertEqual(sql("SELECT COALESCE(MAX(slot), 0) FROM %s" % t), [["0"]], t)
        self.assertSameFigures(self.state["before"], readers())

    def test_3_concurrent_intakes_spread_over_slots_and_recount_exactly(self):
        desk = as_staff(server, "reception", agency="ubnd-camthanh")
        proc = procedure_for(desk, desk.agency)
        day = today_vn()
        errors = []

        def client(i):
            try:
                for j in range(6):
                    intake(desk, proc, person="0510900%05d" % (i * 100 + j))
            except Exception as e:  # noqa: BLE001
                errors.append(e)
        ts = [threading.Thread(target=client, args=(i,)) for i in range(16)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        self.assertEqual(errors, [])
        if pg():
            slots = sql("SELECT COUNT(DISTINCT slot) FROM kpi_daily WHERE day = '%s' AND agency_id = '%s'"
                        " AND procedure_id = '%s'" % (day, desk.agency, proc))
            self.assertGreater(int(slots[0][0]), 1)
        s = get("/api/v1/kpi/summary", scope="agency:" + desk.agency, procedure=proc, **{"from": day, "to": day})
        self.assertEqual(s["received"]["total"], 16 * 6)
        rc, out = verify()
        self.assertEqual(rc, 0, out[-2000:])
        self.assertIn("0 chỗ lệch", out)


if __name__ == "__main__":
    unittest.main()
