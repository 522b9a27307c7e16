import amqp from 'amqplib';

const c = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
const ch = await c.createChannel();
await ch.deleteExchange('bench.probe');
await c.close();
console.log('deleted exchange bench.probe');
