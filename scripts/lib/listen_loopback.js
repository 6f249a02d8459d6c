// Preloaded into frappe's realtime (socket.io) server by scripts/setup.sh:
//   node -r scripts/lib/listen_loopback.js apps/frappe/socketio.js
// frappe binds its port on every interface; this makes a bare port listen on 127.0.0.1 only.
const net = require("node:net");

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
	if (typeof args[0] === "number" && (args.length === 1 || typeof args[1] === "function")) {
		args.splice(1, 0, "127.0.0.1");
	}
	return listen.apply(this, args);
};
