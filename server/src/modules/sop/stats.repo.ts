// SQL of a flow's figures: per step, runs that reached it, wait at it now, and its outcomes; orders placed after
// entering by the customers who ran the flow and by those held out; and the page of customers in it, with names.
import type { SopEnrollment, SopEnrollmentQuery } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type StepFigures = { stepId: string; reached: number; waiting: number; done: number; skipped: number; failed: number };

export async function stepFigures(tx: Tx, corpId: string, flowId: string): Promise<StepFigures[]> {
  const { rows } = await sql<StepFigures>`
    with ran as (
      select step_id, count(distinct enrollment_id)::int as reached, count(*) filter (where status = 'done')::int as done,
             count(*) filter (where status = 'skipped')::int as skipped, count(*) filter (where status = 'failed')::int as failed
        from sop_step_runs where corp_id = ${corpId} and flow_id = ${flowId} group by step_id),
    here as (
      select step_id, count(*)::int as waiting,
             count(*) filter (where not exists (select 1 from sop_step_runs r where r.corp_id = e.corp_id and r.enrollment_id = e.id and r.step_id = e.step_id))::int as fresh
        from sop_enrollments e where e.corp_id = ${corpId} and e.flow_id = ${flowId} and e.status = 'active' and e.step_id is not null group by step_id)
    select coalesce(ran.step_id, here.step_id) as "stepId", coalesce(ran.reached, 0) + coalesce(here.fresh, 0) as reached,
           coalesce(here.waiting, 0) as waiting, coalesce(ran.done, 0) as done, coalesce(ran.skipped, 0) as skipped, coalesce(ran.failed, 0) as failed
      from ran full join here on here.step_id = ran.step_id`.execute(tx);
  return rows;
}

export type Outcome = { customers: number; converted: number; revenue: number };

/** Orders within `days` after entering: for runs (not held out) and for the held out. */
export async function outcomes(tx: Tx, corpId: string, flowId: string, days: number): Promise<{ flow: Outcome; holdout: Outcome }> {
  const { rows } = await sql<{ held: boolean; customers: number; converted: number; revenue: number }>`
    with runs as (
      select distinct on (customer_id) customer_id, entered_at, status = 'held_out' as held
        from sop_enrollments where corp_id = ${corpId} and flow_id = ${flowId} order by customer_id, entered_at)
    select r.held, count(*)::int as customers, count(*) filter (where o.n > 0)::int as converted, coalesce(sum(o.amount), 0)::float8 as revenue
      from runs r
      cross join lateral (select count(*)::int as n, sum(amount) as amount from orders o
                           where o.corp_id = ${corpId} and o.customer_id = r.customer_id and o.paid_at >= r.entered_at
                             and o.paid_at < r.entered_at + make_interval(days => ${days})) o
     group by r.held`.execute(tx);
  const of = (held: boolean): Outcome => {
    const r = rows.find((x) => x.held === held);
    return { customers: r?.customers ?? 0, converted: r?.converted ?? 0, revenue: Number(r?.revenue ?? 0) };
  };
  return { flow: of(false), holdout: of(true) };
}

export type EnrollmentRow = Omit<SopEnrollment, 'stepName'>;

export async function enrollmentPage(tx: Tx, corpId: string, flowId: string, q: SopEnrollmentQuery): Promise<{ items: EnrollmentRow[]; total: number }> {
  const where = sql`e.corp_id = ${corpId} and e.flow_id = ${flowId} ${q.status ? sql`and e.status = ${q.status}` : sql``} ${q.stepId ? sql`and e.step_id = ${q.stepId}` : sql``}`;
  const { rows } = await sql<EnrollmentRow>`
    select e.id, e.customer_id as "customerId", coalesce(nullif(c.name, ''), c.external_userid, '') as "customerName",
           coalesce(s.name, o.staff_userid) as "staffName", e.status, e.step_id as "stepId", e.due_at as "dueAt",
           e.held_reason as "heldReason", e.entered_at as "enteredAt", e.ended_at as "endedAt"
      from sop_enrollments e join customers c on c.corp_id = e.corp_id and c.id = e.customer_id
      left join lateral (select f.staff_userid from follows f where f.corp_id = e.corp_id and f.customer_id = e.customer_id and f.deleted_at is null
                          order by (f.staff_userid = e.staff_userid) desc, f.followed_at limit 1) o on true
      left join staff s on s.corp_id = e.corp_id and s.userid = o.staff_userid
     where ${where} order by e.updated_at desc, e.id limit ${q.limit ?? 50} offset ${q.offset ?? 0}`.execute(tx);
  const { rows: n } = await sql<{ n: number }>`select count(*)::int as n from sop_enrollments e where ${where}`.execute(tx);
  return { items: rows, total: n[0].n };
}
