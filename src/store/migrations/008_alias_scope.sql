-- An alias a person taught while importing (a printed name mapped to an org) holds where it was learnt:
-- scope_org_id is the importing office, and the alias applies to imports by that office and the offices
-- under it only ("县市场监管局" means a different bureau in every county). Aliases of the reference
-- directory and of the directory editor stay global (scope_org_id null).
alter table org_aliases add column scope_org_id bigint references orgs (id) on delete cascade;
alter table org_aliases drop constraint org_aliases_alias_org_id_key;
alter table org_aliases add constraint org_aliases_alias_org_scope_key unique nulls not distinct (alias, org_id, scope_org_id);
