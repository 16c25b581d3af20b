import { useEffect, useState } from 'react';
import { getSocket } from '../socket.ts';

/** The server refused a live message (a malformed or too large one, or one this user may not
 * send): say so where the user looks, not only in the console. */
export function SocketErrors() {
  const [message, setMessage] = useState<string>();
  useEffect(() => {
    const socket = getSocket();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onError = (p: { event: string; error: string }): void => {
      setMessage(`The server refused ${p.event}: ${p.error}`);
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(undefined), 10_000);
    };
    socket.on('error', onError);
    return () => {
      socket.off('error', onError);
      clearTimeout(timer);
    };
  }, []);
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
      <button type="button" className="btn btn-small" onClick={() => setMessage(undefined)}>Dismiss</button>
    </div>
  );
}
