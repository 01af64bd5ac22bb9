-- Appends a batch of envelopes, in order, each to its stream, trimming with approximate MAXLEN.
-- One call per batch instead of one XADD round per message: fewer replies for the client to
-- parse and less protocol work for Redis, with the same per-stream ordering.
--
-- KEYS[i]      stream key of entry i (a key may repeat)
-- ARGV[1]      MAXLEN (approximate, "~") applied to every stream written
-- ARGV[2*i+0]  topic of entry i        (i from 1; stored as field "t")
-- ARGV[2*i+1]  encoded envelope of i   (stored as field "d")
-- Returns the number of entries added.
local maxlen = ARGV[1]
for i = 1, #KEYS do
  redis.call('XADD', KEYS[i], 'MAXLEN', '~', maxlen, '*', 't', ARGV[2 * i], 'd', ARGV[2 * i + 1])
end
return #KEYS
