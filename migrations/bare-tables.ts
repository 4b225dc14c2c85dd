/**
 * Drops the bare tables of a generation that an interrupted rebuild left (timeline_fold_gN,
 * timeline_facts_gN, timeline_entries_gN not yet attached). They are scratch, and a migration that changes
 * the parents' columns leaves them unable to attach.
 */
export const DROP_BARE_TABLES = `
  do $$ declare t text;
  begin
    for t in select c.relname from pg_class c
             where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and not c.relispartition
               and c.relname ~ '^timeline_(fold|facts|entries)_g[0-9]+$' loop
      execute format('drop table %I', t);
    end loop;
  end $$`;
