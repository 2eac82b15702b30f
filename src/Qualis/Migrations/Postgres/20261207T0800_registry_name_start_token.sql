-- A name whose first two characters are CJK ideographs carries its first pair once more as a start token ('q' and the
-- pair's eight letters, NameSearch.Grams), so that a fragment's names that begin with it are told apart in the index.
-- The application computes the token for every name it writes; this gives it to the names written before, for the
-- names where the rule is plain (two ideographs, the second not read differently before 庆): a name left without it is
-- still found, only sorted with the fragment's other matches.
UPDATE "Enterprises" SET "NameGrams" = "NameGrams" || ' q' || left("NameGrams", 8)
WHERE ascii(substr("Name", 1, 1)) BETWEEN 19968 AND 40959
  AND ascii(substr("Name", 2, 1)) BETWEEN 19968 AND 40959
  AND substr("Name", 2, 2) <> '重庆'
  AND length("NameGrams") >= 8
  AND "NameGrams" NOT LIKE '% q%';
