-- The quality score of the file's newest run, from validation-service's FileQualityScored (0..1, 4 decimals).
-- Numbered 3.1 so that a V3 added on another branch at the same time does not collide.
ALTER TABLE data_files ADD quality_score NUMBER(5,4);
