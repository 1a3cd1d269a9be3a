-- The review queue (issue: low-confidence turns for trainers) and the audit's A/B experiment, added after 0001.

ALTER TABLE audit ADD COLUMN experiment text COLLATE "C";
UPDATE audit SET experiment = doc->>'Experiment' WHERE doc ? 'Experiment';
CREATE INDEX audit_experiment ON audit (experiment) WHERE experiment IS NOT NULL;

CREATE TABLE review (
    id text COLLATE "C" PRIMARY KEY,
    at timestamptz NOT NULL,
    customer_id text COLLATE "C" NOT NULL,
    -- Compared without case (a locale filter of pt-br finds pt-BR).
    locale text COLLATE "C" NOT NULL,
    status text COLLATE "C" NOT NULL,
    doc jsonb NOT NULL);
CREATE INDEX review_at ON review (at);
CREATE INDEX review_customer ON review (customer_id);

-- Append-only: what trainers did to each item.
CREATE TABLE review_changes (
    id text COLLATE "C" PRIMARY KEY,
    item_id text COLLATE "C" NOT NULL,
    doc jsonb NOT NULL);
CREATE INDEX review_changes_item ON review_changes (item_id, id);
