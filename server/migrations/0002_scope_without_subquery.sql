-- The one access rule, unchanged in meaning, without a subquery per row: a region lies in a scope
-- when the scope names the whole country, its province (XX0000), its city (XXYY00) or the region
-- itself — exactly the regions that start with fenlei_region_prefix of a scope entry. As a plain
-- expression the planner inlines it: filtering 100,000 enterprises by scope took 1.9 s on PGlite
-- with the subquery, 78 ms without (measured for the web pages, issue 16).
CREATE OR REPLACE FUNCTION fenlei_in_scope(region text, scope text[]) RETURNS boolean IMMUTABLE LANGUAGE sql AS $$
  SELECT '000000' = ANY (scope) OR left(region, 2) || '0000' = ANY (scope) OR left(region, 4) || '00' = ANY (scope) OR region = ANY (scope)
$$;
