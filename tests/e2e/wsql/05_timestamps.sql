create table spans (id number, tz timestamp(3) with time zone, ds interval day(3) to second(2), ym interval year to month);
desc spans
insert into spans values (1, to_timestamp_tz('2024-01-15 10:30:00.25 -05:00', 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM'), interval '100 1:2:3.456' day(3) to second(2), interval '1-6' year to month);
select id, tz, ds, ym from spans;
select to_char(sys_extract_utc(tz), 'YYYY-MM-DD HH24:MI:SS') utc, extract(day from ds) d from spans;
select interval '1 2:3:4.5' day to second d, numtoyminterval(30, 'month') y from dual;
select date '2024-01-31' + interval '1' month from dual;
