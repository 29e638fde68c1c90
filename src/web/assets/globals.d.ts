/** The socket.io browser client, loaded as a classic script (/socket.io/socket.io.min.js) before the page modules. */
import type { io as socketIo } from 'socket.io-client';

declare global {
  const io: typeof socketIo;
}
