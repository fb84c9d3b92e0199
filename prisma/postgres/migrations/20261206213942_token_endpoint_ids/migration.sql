-- Team tokens' endpoint restrictions hold endpoint ids instead of names (see ApiToken.endpoints).
-- Names that match no endpoint any more are dropped: a restricted token stays restricted (an
-- empty list allows nothing), and a later endpoint that reuses such a name is not covered.
UPDATE "ApiToken"
SET "endpoints" = COALESCE((
    SELECT jsonb_agg("Endpoint"."id")
    FROM jsonb_array_elements_text("ApiToken"."endpoints") AS "allowed"("name")
    JOIN "Endpoint" ON "Endpoint"."name" = "allowed"."name"
), '[]'::jsonb)
WHERE jsonb_typeof("endpoints") = 'array';
