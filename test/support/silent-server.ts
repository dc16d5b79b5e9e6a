/**
 * A server on 127.0.0.1 that accepts TCP connections and never answers (no WebSocket upgrade, no close):
 * what a hung core, or a port forwarded to nothing, looks like to a client. Not a chat core: the test kit's
 * fake core (`simplex-chat-events/testing`) is the one core of the suites.
 */
import net, {type AddressInfo} from 'node:net'

export class SilentServer {
  /** Connections accepted in all. */
  accepted = 0
  /** Connections the client closed. */
  closedByClient = 0
  private readonly sockets = new Set<net.Socket>()

  private constructor(private readonly server: net.Server) {
    server.on('connection', (socket) => {
      this.accepted++
      this.sockets.add(socket)
      socket.on('error', () => {})
      // Read and discard the upgrade request: a paused socket would never see the client's end.
      socket.resume()
      socket.on('close', () => {
        this.closedByClient++
        this.sockets.delete(socket)
      })
    })
  }

  static async start(): Promise<SilentServer> {
    const server = net.createServer()
    const silent = new SilentServer(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return silent
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
