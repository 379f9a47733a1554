-- Plan numbers are RP-YYYY-NNNNN; lpad(…, 5) cut the 100,000th plan of a year down to "10000",
-- which another plan already had. The number now keeps every digit (RP-2026-100000).
CREATE OR REPLACE FUNCTION next_plan_number(p_year integer)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_number integer;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'next_plan_number needs a tenant context';
  END IF;
  IF p_year < 2000 OR p_year > 9999 THEN
    RAISE EXCEPTION 'next_plan_number: year % is out of range', p_year;
  END IF;
  INSERT INTO plan_counters (tenant_id, year, last_number) VALUES (v_tenant, p_year, 1)
  ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = plan_counters.last_number + 1
  RETURNING last_number INTO v_number;
  -- lpad would cut a sixth digit off: beyond 99,999 plans a year the number simply grows.
  RETURN 'RP-' || p_year::text || '-' || lpad(v_number::text, greatest(5, length(v_number::text)), '0');
END
$$;
