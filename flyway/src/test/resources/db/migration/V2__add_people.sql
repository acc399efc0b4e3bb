-- two rows; the second statement's ';' inside a string must not split it
INSERT INTO people VALUES (1, 'ada');
INSERT INTO people VALUES (2, 'semi;colon');
