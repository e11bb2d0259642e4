import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import ICAL from "ical.js";
import { importSeedPlan } from "../../../test/support/plans.ts";
import { orgIdByName } from "../../../test/support/reports.ts";
import { storeKinds } from "../../../test/support/stores.ts";
import { type Agent, closeTemplate, insertUser, signIn, type TestEnv, testEnvOn } from "../testing.ts";

// Jinan's city bureau subscribes to its deadlines in the 2021 Shandong task list; Tai'an's are foreign to it.
for (const kind of storeKinds()) {
  describe(`exports/calendar over HTTP on ${kind.name}`, () => {
    let env: TestEnv;
    let planId = 0;
    const ids = { jinan: 0, taian: 0 };
    const agents: Record<string, Agent> = {};
    const as = (name: string) => agents[name] as Agent;

    before(async () => {
      env = await testEnvOn(kind);
      const seeded = await importSeedPlan(env.store);
      planId = seeded.planId;
      ids.jinan = await orgIdByName(env.store, "济南市市场监督管理局");
      ids.taian = await orgIdByName(env.store, "泰安市市场监督管理局");
      await insertUser(env.store, "jinan", "reporter", ids.jinan);
      await insertUser(env.store, "office", "plan_office", seeded.provinceId);
      agents.jinan = await signIn(env.app, "jinan");
      agents.office = await signIn(env.app, "office");
    });
    after(async () => {
      await env.close();
      await closeTemplate();
    });

    const anonymous = (url: string) => env.app.inject({ method: "GET", url });

    /** RFC 5545's rules for the text itself: CRLF line ends, folded lines ≤ 75 octets, balanced components. */
    function checkStructure(ics: string): void {
      assert.ok(ics.endsWith("\r\n"), "ends with CRLF");
      const lines = ics.slice(0, -2).split("\r\n");
      assert.ok(
        lines.every((l) => !l.includes("\n") && !l.includes("\r")),
        "no bare LF or CR",
      );
      for (const line of lines) assert.ok(Buffer.byteLength(line, "utf8") <= 75, `over 75 octets: ${line}`);
      assert.equal(lines[0], "BEGIN:VCALENDAR");
      assert.equal(lines.at(-1), "END:VCALENDAR");
      const open: string[] = [];
      for (const line of lines) {
        if (line.startsWith("BEGIN:")) open.push(line.slice(6));
        if (line.startsWith("END:")) assert.equal(open.pop(), line.slice(4), "components close in order");
      }
      assert.deepEqual(open, []);
    }

    async function jinanDueAssignments(): Promise<{ id: number; dueOn: string; measureText: string }[]> {
      return env.store.db
        .selectFrom("assignments as a")
        .innerJoin("measures as m", "m.id", "a.measure_id")
        .select(["a.id", "a.due_on as dueOn", "m.text as measureText"])
        .where("a.plan_id", "=", planId)
        .where("a.org_id", "=", ids.jinan)
        .where("a.due_on", "is not", null)
        .execute() as Promise<{ id: number; dueOn: string; measureText: string }[]>;
    }

    describe("an org's deadlines as a calendar (.ics)", () => {
      test("one all-day event per measure due date, with stable unique UIDs, parsing as iCalendar", async () => {
        const res = await as("jinan").request("GET", `/api/orgs/${ids.jinan}/calendar.ics`);
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.headers["content-type"], "text/calendar; charset=utf-8");
        checkStructure(res.body);

        const calendar = new ICAL.Component(ICAL.parse(res.body));
        assert.equal(calendar.name, "vcalendar");
        assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
        const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
        const due = await jinanDueAssignments();
        assert.ok(due.length > 10, `Jinan has deadlines in the plan (${due.length})`);
        assert.equal(events.length, due.length);
        const uids = events.map((e) => e.uid);
        assert.equal(new Set(uids).size, uids.length, "UIDs are unique");
        for (const event of events) {
          assert.equal(event.startDate.isDate, true, "all-day");
          const assignment = due.find((a) => event.uid === `luoshi-assignment-${a.id}@luoshi`);
          assert.ok(assignment, `the UID ${event.uid} names one of Jinan's assignments`);
          assert.equal(event.startDate.toString(), assignment.dueOn);
          assert.equal(event.endDate.toString() > assignment.dueOn, true, "DTEND is the day after");
          assert.ok(event.summary.length <= 40, event.summary);
          assert.ok(
            assignment.measureText.startsWith(event.summary.replace(/…$/, "")),
            "summary is the measure, shortened",
          );
          assert.match(event.description, /计划：2021年全省知识产权工作任务清单/);
          assert.match(event.description, /角色：(牵头|配合|负责)/);
          // Escaped on the way out (commas, semicolons, line breaks), the text comes back whole.
          assert.ok(event.description.includes(`举措：${assignment.measureText}`), event.description);
        }
        // Fetched again later, the same assignments keep the same UIDs.
        env.clock.advance(60 * 60 * 1000);
        const again = await as("jinan").request("GET", `/api/orgs/${ids.jinan}/calendar.ics`);
        assert.equal(again.statusCode, 200, again.body);
        const againUids = new ICAL.Component(ICAL.parse(again.body))
          .getAllSubcomponents("vevent")
          .map((v) => v.getFirstPropertyValue("uid"));
        assert.deepEqual(againUids, uids);
      });

      test("a foreign org's calendar does not exist for you; without a session or token it is 401", async () => {
        assert.equal((await as("jinan").request("GET", `/api/orgs/${ids.taian}/calendar.ics`)).statusCode, 404);
        assert.equal((await as("office").request("GET", `/api/orgs/${ids.taian}/calendar.ics`)).statusCode, 200);
        assert.equal((await anonymous(`/api/orgs/${ids.jinan}/calendar.ics`)).statusCode, 401);
      });

      test("a feed token opens the calendar without a cookie, and only the calendar", async () => {
        const status = async () => (await as("jinan").request("GET", "/api/session/calendar-token")).json();
        assert.deepEqual(await status(), { active: false, createdAt: null });
        const issued = await as("jinan").request("POST", "/api/session/calendar-token");
        assert.equal(issued.statusCode, 201, issued.body);
        const { token, path, url } = issued.json() as { token: string; path: string; url: string };
        assert.equal(path, `/api/orgs/${ids.jinan}/calendar.ics?token=${token}`);
        assert.ok(url.endsWith(path) && /^https?:\/\//.test(url), url);

        const stored = await env.store.db.selectFrom("calendar_tokens").select("token_hash").execute();
        assert.deepEqual(
          stored.map((s) => s.token_hash),
          [createHash("sha256").update(token).digest("hex")],
          "only the hash is kept",
        );

        const issuedAt = (issued.json() as { createdAt: string }).createdAt;
        assert.deepEqual(
          await status(),
          { active: true, createdAt: issuedAt },
          "the status tells since when, not the token",
        );
        const viaToken = await anonymous(path);
        assert.equal(viaToken.statusCode, 200, viaToken.body);
        checkStructure(viaToken.body);
        assert.equal(
          (await anonymous(`/api/assignments?token=${token}`)).statusCode,
          401,
          "the token is no session for the rest of the API",
        );
        assert.equal((await anonymous(`/api/orgs/${ids.taian}/calendar.ics?token=${token}`)).statusCode, 404);
        const wrong = await anonymous(`/api/orgs/${ids.jinan}/calendar.ics?token=${"A".repeat(43)}`);
        assert.equal(wrong.statusCode, 401);
        assert.match(wrong.json().detail, /not valid/);
        assert.equal((await anonymous(`/api/orgs/${ids.jinan}/calendar.ics?token=short`)).statusCode, 401);

        // A new token replaces the old; revoking ends it.
        const second = (await as("jinan").request("POST", "/api/session/calendar-token")).json() as { path: string };
        assert.equal((await anonymous(path)).statusCode, 401, "the first token no longer works");
        assert.equal((await anonymous(second.path)).statusCode, 200);
        assert.equal((await as("jinan").request("DELETE", "/api/session/calendar-token")).statusCode, 204);
        assert.equal((await anonymous(second.path)).statusCode, 401);
        assert.deepEqual(await status(), { active: false, createdAt: null }, "revoked");
        assert.equal(
          (await as("jinan").request("DELETE", "/api/session/calendar-token")).statusCode,
          204,
          "idempotent",
        );
      });

      test("a token for another org's URL is refused unless in scope; a disabled account's token stops", async () => {
        const refused = await as("jinan").request("POST", "/api/session/calendar-token", { orgId: ids.taian });
        assert.equal(refused.statusCode, 404);
        const office = await as("office").request("POST", "/api/session/calendar-token", { orgId: ids.taian });
        assert.equal(office.statusCode, 201, office.body);
        const path = (office.json() as { path: string }).path;
        assert.equal((await anonymous(path)).statusCode, 200);
        await env.store.db.updateTable("users").set({ disabled: true }).where("username", "=", "office").execute();
        assert.equal((await anonymous(path)).statusCode, 401);
      });
    });
  });
}
