-- Team tokens' endpoint restrictions hold endpoint ids instead of names (see ApiToken.endpoints).
-- Names that match no endpoint any more are dropped: a restricted token stays restricted (an
-- empty list allows nothing), and a later endpoint that reuses such a name is not covered.
UPDATE "ApiToken"
SET "endpoints" = (
    SELECT json_group_array("Endpoint"."id")
    FROM json_each("ApiToken"."endpoints") AS "allowed"
    JOIN "Endpoint" ON "Endpoint"."name" = "allowed"."value"
)
WHERE "endpoints" IS NOT NULL AND json_type("endpoints") = 'array';
