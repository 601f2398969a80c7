alter system disconnect session '30,7';
alter system kill session '30,7';
alter system kill session 'thirty,seven';
alter system kill session '30';
alter system kill session '130,620,1';
alter system kill session '1,1' immediate;
alter system cancel sql '1, 1';
alter system disconnect session '2,1' post_transaction;
alter system kill session '30,7' later;
exit
