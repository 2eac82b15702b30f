-- The canonical parameters file of a draw (parameters.tsv, format 2) and its SHA-256, the parameters hash, published
-- with the commitment before the draw. Draws committed before keep both null: their parameters are the JSON they had.
ALTER TABLE "Draws" ADD "ParametersFile" TEXT NULL;
ALTER TABLE "Draws" ADD "ParametersHash" TEXT NULL;
