# Shared by the bench and profile scripts (sourced, not run): loopback ports, and a throwaway MQTT broker over TLS.

# A loopback port free for both TCP and UDP.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); p=s.getsockname()[1]; u=socket.socket(type=socket.SOCK_DGRAM); u.bind(("127.0.0.1",p)); print(p)'
}

# An even base with COUNT free UDP loopback ports from it (the agent's RTP range).
free_range() {
  python3 - "$1" <<'EOF'
import random, socket, sys
count = int(sys.argv[1])
for _ in range(200):
    base = random.randrange(20000, 60000 - count) & ~1
    held = []
    try:
        for p in range(base, base + count):
            s = socket.socket(type=socket.SOCK_DGRAM); held.append(s); s.bind(("127.0.0.1", p))
        print(base); break
    except OSError:
        pass
    finally:
        for s in held: s.close()
else:
    sys.exit("no free port range")
EOF
}

# start_tls_broker DIR: mosquitto on 127.0.0.1 over TLS, anonymous, with a CA and a server certificate (P-256, one
# day) made in DIR by openssl. Sets broker_pid, broker_url (mqtts://127.0.0.1:PORT) and broker_ca (the CA's PEM);
# DIR/mosquitto.log has every packet ("Received PUBLISH from ...").
# A phone in the fleet talks to the hub's broker this way; anonymous here, since what is measured is the phone.
# As root, the broker loads its own copies of libcrypto and libssl (see below).
start_tls_broker() {
  local dir=$1 port
  command -v mosquitto >/dev/null || { echo "mosquitto not found (apt-get install mosquitto)" >&2; return 1; }
  command -v openssl >/dev/null || { echo "openssl not found" >&2; return 1; }
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=bench-ca \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 \
    -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$dir/server.ext"
  openssl x509 -req -days 1 -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -extfile "$dir/server.ext" -out "$dir/server.pem" 2>/dev/null
  port=$(free_port)
  cat > "$dir/mosquitto.conf" <<EOF
listener $port 127.0.0.1
allow_anonymous true
user $(id -un)
cafile $dir/ca.pem
certfile $dir/server.pem
keyfile $dir/server.key
persistence false
log_dest file $dir/mosquitto.log
log_type all
EOF
  # The hub's broker runs on another machine. Here, a broker mapping the same libcrypto and libssl pages would keep
  # them resident in the agent too (a shared page is not paged out, and RSS counts it in both), so as root the broker
  # gets copies of its own, bind-mounted in a mount namespace of its own.
  local crypto ssl
  crypto=$(ldconfig -p | awk '/libcrypto\.so\.3 .*x86-64|libcrypto\.so\.3 .*AArch64/ { print $NF; exit }')
  ssl=$(ldconfig -p | awk '/libssl\.so\.3 .*x86-64|libssl\.so\.3 .*AArch64/ { print $NF; exit }')
  if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && [ -n "$crypto" ] && [ -n "$ssl" ]; then
    cp "$crypto" "$dir/libcrypto.so.3"
    cp "$ssl" "$dir/libssl.so.3"
    unshare --mount --propagation private sh -c 'mount --bind "$1/libcrypto.so.3" "$2" && mount --bind "$1/libssl.so.3" "$3" &&
      exec mosquitto -c "$1/mosquitto.conf"' sh "$dir" "$crypto" "$ssl" > "$dir/mosquitto.out" 2>&1 &
  else
    mosquitto -c "$dir/mosquitto.conf" > "$dir/mosquitto.out" 2>&1 &
  fi
  broker_pid=$!
  for _ in $(seq 1 50); do
    python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' "$port" 2>/dev/null && break
    kill -0 $broker_pid 2>/dev/null || break
    sleep 0.1
  done
  kill -0 $broker_pid 2>/dev/null || { echo "mosquitto did not start:" >&2; tail -5 "$dir/mosquitto.out" "$dir/mosquitto.log" >&2; return 1; }
  broker_url=mqtts://127.0.0.1:$port
  broker_ca=$dir/ca.pem
}
