// json.test.js - JSON held in VARCHAR2 and CLOB columns, through node-oracledb
// (Thin): IS JSON check constraints, JSON_EXISTS, JSON_VALUE, JSON_QUERY,
// JSON_OBJECT, JSON_ARRAY, with binds, Oracle's lax syntax and its error
// defaults, and node-oracledb's own "selectjson" example.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const oracledb = require('oracledb');
const { startInstanceWithUser } = require('./instance');

let inst, connect;
before(async () => { ({ inst, connect } = await startInstanceWithUser('jsonuser', 'jsonuser')); });
after(async () => { if (inst) await inst.stop(); });

const order = { userId: 1, userName: 'Chris', location: 'Australia',
  items: [{ part: 'bolt', qty: 10, price: 0.25 }, { part: 'nut', qty: 4, price: 0.1 }],
  paid: true, note: null, quote: 'a"b\\é' };

test('an IS JSON check constraint keeps out what is not JSON', async () => {
  const c = await connect();
  await c.execute(`create table orders (id number primary key,
    doc varchar2(4000) constraint orders_json check (doc is json), notes clob)`);
  await c.execute('insert into orders (id, doc) values (:1, :2)', [1, JSON.stringify(order)]);
  await c.execute("insert into orders (id, doc, notes) values (2, '{id: 2, tags: [''x'']}', '[1, 2]')");
  await c.execute('insert into orders (id) values (3)'); // NULL passes the check
  for (const bad of ['not json', '{"a": 1', '42', '"text"'])
    await assert.rejects(c.execute('insert into orders (id, doc) values (9, :d)', { d: bad }),
      /ORA-02290: check constraint \(JSONUSER.ORDERS_JSON\) violated/);
  await c.commit();
  const r = await c.execute(`select count(case when '[1]' is json then 1 end),
    count(case when '1' is json then 1 end), count(case when '1' is json allow scalars then 1 end),
    count(case when '{a: 1}' is json strict then 1 end), count(case when 'x' is not json then 1 end),
    count(case when notes is json then 1 end) from orders`);
  assert.deepEqual(r.rows, [[3, 0, 3, 0, 3, 1]]);
  // JSON in a BLOB is read as UTF-8; an empty LOB is neither JSON nor not (it passes the check)
  await c.execute('create table bin_docs (b blob check (b is json))');
  await c.execute('insert into bin_docs values (:b)', [Buffer.from('{"KeyA": 8}')]);
  await c.execute('insert into bin_docs values (empty_blob())');
  await assert.rejects(c.execute('insert into bin_docs values (:b)', [Buffer.from('nope')]), /ORA-02290/);
  assert.deepEqual((await c.execute("select json_value(b, '$.KeyA') from bin_docs where json_exists(b, '$.KeyA')")).rows, [['8']]);
  await c.rollback();
  await c.close();
});

test('JSON_VALUE, JSON_QUERY and JSON_EXISTS read paths; errors default to NULL', async () => {
  const c = await connect();
  let r = await c.execute(`select json_value(doc, '$.location'), json_value(doc, '$.items[1].part'),
    json_value(doc, '$.paid'), json_value(doc, '$.quote'), json_value(doc, '$.note'),
    json_value(doc, '$.items[0].qty' returning number) * 2, json_value(doc, '$.items'),
    json_value(doc, '$.missing') from orders where id = 1`);
  assert.deepEqual(r.rows, [['Australia', 'nut', 'true', 'a"b\\é', null, 20, null, null]]);
  r = await c.execute(`select id, json_query(doc, '$.items[*].part' with wrapper),
    json_query(doc, '$.items[0]'), json_query(doc, '$.tags'), json_query(doc, '$.id')
    from orders where json_exists(doc, '$.items') or json_exists(doc, '$.tags') order by id`);
  assert.deepEqual(r.rows, [
    [1, '["bolt","nut"]', '{"part":"bolt","qty":10,"price":0.25}', null, null],
    [2, null, null, '["x"]', null]]);
  r = await c.execute("select id from orders where json_value(doc, '$.userName') = :n", { n: 'Chris' });
  assert.deepEqual(r.rows, [[1]]);
  r = await c.execute("select json_value(doc, :p) from orders where id = 1", { p: '$.items[1].qty' });
  assert.deepEqual(r.rows, [['4']]);
  await assert.rejects(c.execute("select json_value(doc, '$.items' error on error) from orders where id = 1"),
    /ORA-40456: JSON_VALUE evaluated to non-scalar value/);
  await assert.rejects(c.execute("select json_value('oops', '$.a' error on error) from dual"),
    /ORA-40441: JSON syntax error/);
  await assert.rejects(c.execute("select json_value(doc, '$.nope' error on empty) from orders where id = 1"),
    /ORA-40462: JSON_VALUE evaluated to no value/);
  await assert.rejects(c.execute("select json_query(doc, '$.location' error on error) from orders where id = 1"),
    /ORA-40480: result cannot be returned without array wrapper/);
  await assert.rejects(c.execute("select json_value(doc, 'location') from orders"),
    /ORA-40442: JSON path expression syntax error/);
  await assert.rejects(c.execute("select json_value(doc, '$' default 'x' on error) from orders"),
    /ORA-03001: unimplemented feature/);
  await c.close();
});

test('JSON_OBJECT and JSON_ARRAY build JSON from columns, FORMAT JSON embeds JSON', async () => {
  const c = await connect();
  let r = await c.execute(`select json_object('id' value id, key 'who' is json_value(doc, '$.userName'),
    'first' value json_query(doc, '$.items[0]'), 'notes' value notes format json)
    from orders where id = 1`);
  assert.deepEqual(JSON.parse(r.rows[0][0]),
    { id: 1, who: 'Chris', first: order.items[0], notes: null });
  r = await c.execute(`select json_array(id, 'a', null, 0.5, date '2024-01-31'),
    json_array(null null on null), json_object('n' value null absent on null) from orders where id = 2`);
  assert.deepEqual(r.rows, [['[2,"a",0.5,"2024-01-31T00:00:00"]', '[null]', '{}']]);
  r = await c.execute("select json_object('doc' is doc format json) from orders where id = 2");
  assert.deepEqual(JSON.parse(r.rows[0][0]), { doc: { id: 2, tags: ['x'] } });
  await assert.rejects(c.execute("select json_object('x' value 'y' format json) from dual"), /ORA-40441/);
  // a column with an IS JSON check constraint is JSON without FORMAT JSON (as in Oracle); text
  // that only looks like JSON stays a string
  r = await c.execute(`select json_object('doc' is o.doc, 'text' is '{"a":1}'), json_array(doc)
    from orders o where id = 2`);
  assert.deepEqual(JSON.parse(r.rows[0][0]), { doc: { id: 2, tags: ['x'] }, text: '{"a":1}' });
  assert.deepEqual(JSON.parse(r.rows[0][1]), [{ id: 2, tags: ['x'] }]);
  await c.close();
});
