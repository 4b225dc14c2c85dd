import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `timeline_detach_generation(g)`: generation g's tables taken out of the timeline's parents, left as
 * bare tables until they are dropped (`timeline_drop_generation`).
 *
 * Why: dropping a generation's tables unlinks their files as the drop commits, and the drop locks the
 * parents meanwhile. At 10,000 bench articles that commit took 0.1-0.6 s of a rebuild with the machine
 * all but idle (the files' blocks are freed on disk). Detached, the old generation is out of every query
 * at the cost of a catalog change; a rebuild detaches it before it switches over and analyzes, and drops
 * the bare tables after it has finished.
 */
export class TimelineDetach1732000013000 implements MigrationInterface {
  name = 'TimelineDetach1732000013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function timeline_detach_generation(g integer) returns void language plpgsql as $$
      declare t text;
      begin
        foreach t in array array['timeline_entries', 'timeline_facts', 'timeline_fold', 'timeline_articles'] loop
          if exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
                     where i.inhparent = t::regclass and c.relname = t || '_g' || g) then
            execute format('alter table %I detach partition %I', t, t || '_g' || g);
          end if;
        end loop;
      end $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop function timeline_detach_generation(integer)`);
  }
}
