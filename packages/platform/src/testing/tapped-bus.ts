// A bus whose subscriptions report each delivery their handler finished, so a test can wait for exactly that.
import type { Bus } from '../bus/bus.ts';

/** Wraps `bus`: after a subscriber's handler completes, the message id is pushed onto `processed`. */
export function tapDeliveries(bus: Bus, processed: string[]): Bus {
  return new Proxy(bus, {
    get(target, prop) {
      if (prop === 'subscribe')
        return ((options, handler) =>
          target.subscribe(options, async (message, info) => {
            await handler(message, info);
            processed.push(message.id);
          })) satisfies Bus['subscribe'];
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
