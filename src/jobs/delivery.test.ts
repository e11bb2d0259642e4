import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { SMTPServer } from "smtp-server";
import { activeAssignmentCount, importSeedPlan } from "../../test/support/plans.ts";
import { storeKinds } from "../../test/support/stores.ts";
import type { Store } from "../store/db.ts";
import { deliverPending, type ReminderSummary } from "./delivery.ts";
import { evaluateReminders } from "./reminders.ts";

/** A webhook receiver on 127.0.0.1 that records every reminder id and message it is sent; `failNext` answers 500 once. */
function webhookServer() {
  const received: number[] = [];
  const messages: { org: { id: number; name: string }; ids: number[]; text: string }[] = [];
  /** failNext: the next request answers 500; failAfter: after this many more successes, one answers 500. */
  const state: { failNext: boolean; failAfter: number | null } = { failNext: false, failAfter: null };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      if (state.failAfter !== null && state.failAfter-- === 0) {
        state.failAfter = null;
        state.failNext = true;
      }
      if (state.failNext) {
        state.failNext = false;
        res.writeHead(500).end();
        return;
      }
      const payload = JSON.parse(body) as {
        reminders: ReminderSummary[];
        text: { content: string };
        org: { id: number; name: string };
      };
      received.push(...payload.reminders.map((r) => r.id));
      messages.push({ org: payload.org, ids: payload.reminders.map((r) => r.id), text: payload.text.content });
      res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0}');
    });
  });
  return { server, received, messages, state };
}

for (const kind of storeKinds()) {
  describe(`delivery on ${kind.name}`, () => {
    let store: Store;
    /** One reminder per assignment on 2021-07-10 (every one is overdue or misses its Q2 report). */
    let all = 0;
    const hook = webhookServer();
    let url = "";
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        let data = "";
        stream.on("data", (c: Buffer) => {
          data += c.toString("utf8");
        });
        stream.on("end", () => {
          mails.push(data);
          callback();
        });
      },
    });
    let smtpPort = 0;

    before(async () => {
      store = await kind.open();
      await importSeedPlan(store);
      all = await activeAssignmentCount(store);
      await new Promise<void>((resolve) => hook.server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/hook`;
      await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
      smtpPort = (smtp.server.address() as AddressInfo).port;
    });
    after(async () => {
      await store.close();
      await new Promise((resolve) => hook.server.close(resolve));
      await new Promise<void>((resolve) => smtp.close(resolve));
    });

    test("a failed webhook marks nothing and is retried; each reminder is posted exactly once", async () => {
      await evaluateReminders(store.db, "2021-07-10");
      hook.state.failNext = true;
      const failed = await deliverPending(store.db, { webhookUrl: url, batchSize: 5000 });
      assert.equal(failed.webhook?.sent, 0);
      assert.match(failed.webhook?.error ?? "", /500/);
      assert.equal(hook.received.length, 0);

      // Three units per transaction: the digests still go out one per unit, all of them in this run.
      const first = await deliverPending(store.db, { webhookUrl: url, batchSize: 3 });
      assert.equal(first.webhook?.sent, all);
      const second = await deliverPending(store.db, { webhookUrl: url, batchSize: 3 });
      assert.deepEqual(second.webhook, { sent: 0, messages: 0 });
      assert.equal(hook.received.length, all);
      assert.equal(new Set(hook.received).size, all);
      // One digest per unit: each org gets one message listing exactly its reminders.
      const byOrg = await store.db
        .selectFrom("reminders as r")
        .innerJoin("assignments as a", "a.id", "r.assignment_id")
        .innerJoin("orgs as o", "o.id", "a.org_id")
        .select(["a.org_id", "o.name", "r.id"])
        .execute();
      const expected = new Map<number, number[]>();
      for (const r of byOrg) expected.set(r.org_id, [...(expected.get(r.org_id) ?? []), r.id]);
      assert.ok(expected.size > 1 && expected.size < all, `${expected.size} orgs`);
      assert.equal(first.webhook?.messages, expected.size);
      assert.equal(hook.messages.length, expected.size);
      assert.equal(new Set(hook.messages.map((m) => m.org.id)).size, expected.size);
      for (const m of hook.messages) {
        assert.deepEqual(
          [...m.ids].sort((a, b) => a - b),
          (expected.get(m.org.id) ?? []).sort((a, b) => a - b),
        );
        assert.ok(m.text.includes(`${m.org.name}：${m.ids.length} 条`), m.text.slice(0, 80));
      }

      // New reminders on a later day are posted, and only they.
      const later = await evaluateReminders(store.db, "2021-10-10", { webhookUrl: url, batchSize: 5000 });
      assert.equal(later.delivery?.webhook?.sent, later.created);
      assert.equal(new Set(hook.received).size, hook.received.length);
    });

    test("a send failing midway keeps the units already sent: the rest go next time, none twice", async () => {
      const made = await evaluateReminders(store.db, "2022-03-10");
      assert.ok(made.created > 0);
      const before = hook.received.length;
      hook.state.failAfter = 2;
      const cut = await deliverPending(store.db, { webhookUrl: url, batchSize: 50 });
      assert.equal(cut.webhook?.messages, 2);
      assert.match(cut.webhook?.error ?? "", /500/);
      assert.ok((cut.webhook?.sent ?? 0) > 0 && (cut.webhook?.sent ?? 0) < made.created);
      assert.equal(hook.received.length - before, cut.webhook?.sent);
      const rest = await deliverPending(store.db, { webhookUrl: url, batchSize: 50 });
      assert.equal((cut.webhook?.sent ?? 0) + (rest.webhook?.sent ?? 0), made.created);
      assert.equal(new Set(hook.received).size, hook.received.length);
    });

    test("e-mail goes out once as a digest through SMTP, independently of the webhook", async () => {
      const config = {
        smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: "luoshi@example.cn", to: ["office@example.cn"] },
        batchSize: 5000,
      };
      const first = await deliverPending(store.db, config);
      assert.ok((first.email?.sent ?? 0) > all, JSON.stringify(first));
      assert.equal(first.webhook, null);
      const second = await deliverPending(store.db, config);
      assert.deepEqual(second.email, { sent: 0, messages: 0 });
      // One e-mail per unit with pending reminders.
      const units = await store.db
        .selectFrom("reminders as r")
        .innerJoin("assignments as a", "a.id", "r.assignment_id")
        .select("a.org_id")
        .distinct()
        .execute();
      assert.equal(first.email?.messages, units.length);
      assert.equal(mails.length, units.length);
      assert.ok(mails.every((m) => /Subject: =\?UTF-8\?/.test(m)));
    });
  });
}
