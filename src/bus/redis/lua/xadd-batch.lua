-- Appends a batch of envelopes, in order, then applies retention to every stream of the batch.
-- One call per batch instead of one XADD round per message: fewer replies for the client to
-- parse and less protocol work for Redis, with the same per-stream ordering. Called with no
-- entries it only applies retention (the publisher's re-check of held streams, the age sweep).
--
-- Retention never trims an entry a consumer group has not consumed (acked). The safe point of a
-- stream is the minimum over its groups of: the oldest pending id if the group has pending
-- entries, else the id after its last-delivered-id. Trimming (MAXLEN-like to maxLen, and by age)
-- stops there. The one exception is the hard cap: above maxLenHard the stream is cut to ~maxLenHard
-- anyway (a dead group must not fill Redis's memory); those entries are counted, never silent.
--
-- KEYS[1..n]   the streams, each once; KEYS[n+1] the lane's trimmed-unconsumed counter (hash,
--              one field per stream)
-- ARGV[1]      maxLen: approximate length kept per stream while its groups keep up
-- ARGV[2]      maxLenHard: above it, unconsumed entries are trimmed and counted
-- ARGV[3]      maxAgeMs: entries older than this (Redis clock) are trimmed; 0 = off
-- ARGV[4]      one character per stream: '1' = the group scan may run, '0' = the caller scanned
--              this stream recently and found it held (only the hard cap is checked, an O(1) XLEN)
-- ARGV[5]      name prefix of per-process groups (RPC reply inboxes) that hold nothing back: a
--              crashed process's inbox is never read again and must not pin the stream
-- ARGV[6..]    entries as triples: stream index (into KEYS), topic (field "t"), data (field "d")
-- Returns {entries added, entries trimmed unconsumed, status of stream 1, ..., status of stream n}
-- with status 0 = within retention; 1 = scanned and still held above it (by a lagging group, or
-- for age by the first node straddling the cut); 2 = not scanned, may be above it.

local maxlen = tonumber(ARGV[1])
local hard = tonumber(ARGV[2])
local max_age_ms = tonumber(ARGV[3])
local scan_allowed = ARGV[4]
local ephemeral = ARGV[5]
local streams = #KEYS - 1
local counter = KEYS[#KEYS]
-- Approximate trimming removes whole stream nodes (stream-node-max-entries, 100 by default), so
-- a length trim waits until the stream is a node above its limit, as MAXLEN ~ does: the group
-- scan then runs once per node filled, not on every batch. Still above the trigger after trimming
-- means a group held the stream back.
local trigger = maxlen + 100
local hard_trigger = hard + 100

for i = 6, #ARGV, 3 do
  redis.call('XADD', KEYS[tonumber(ARGV[i])], '*', 't', ARGV[i + 1], 'd', ARGV[i + 2])
end

local function parse(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1)), dash
end

local function less(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  return am < bm or (am == bm and as < bs)
end

-- The id right after `id`: MINID keeps ids >= its argument, and the entry `id` itself is consumed.
local function successor(id)
  local _, seq, dash = parse(id)
  return string.sub(id, 1, dash) .. string.format('%.0f', seq + 1)
end

-- Minimum over the stream's (durable) groups of the first id each still needs; nil if none.
local function safe_point(key)
  local safe = nil
  for _, group in ipairs(redis.call('XINFO', 'GROUPS', key)) do
    local name, pending, last
    for f = 1, #group, 2 do
      local field = group[f]
      if field == 'name' then
        name = group[f + 1]
      elseif field == 'pending' then
        pending = group[f + 1]
      elseif field == 'last-delivered-id' then
        last = group[f + 1]
      end
    end
    if string.sub(name, 1, #ephemeral) ~= ephemeral then
      local point
      if pending > 0 then
        point = redis.call('XPENDING', key, name)[2]
      else
        point = successor(last)
      end
      if safe == nil or less(point, safe) then safe = point end
    end
  end
  return safe
end

local age_cut = nil
if max_age_ms > 0 then
  local now = redis.call('TIME')
  local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - max_age_ms
  age_cut = string.format('%.0f', ms) .. '-0'
end

local dropped_total = 0
local result = { (#ARGV - 5) / 3, 0 }

local function older_than_cut(key)
  local first = redis.call('XRANGE', key, '-', '+', 'COUNT', 1)[1]
  return first ~= nil and less(first[1], age_cut)
end

for s = 1, streams do
  local key = KEYS[s]
  local len = redis.call('XLEN', key)
  local status = 0
  if string.sub(scan_allowed, s, s) == '0' and len <= hard_trigger then
    if len > trigger or (age_cut ~= nil and len > 0) then status = 2 end
  else
    local old = age_cut ~= nil and older_than_cut(key)
    if len > trigger or old then
      local safe = safe_point(key)
      if len > trigger then
        -- LIMIT bounds the approximate trim to the excess over maxLen, like MAXLEN ~ would.
        if safe == nil then
          redis.call('XTRIM', key, 'MAXLEN', '~', maxlen, 'LIMIT', len - maxlen)
        else
          redis.call('XTRIM', key, 'MINID', '~', safe, 'LIMIT', len - maxlen)
        end
      end
      if old then
        local cut = age_cut
        if safe ~= nil and less(safe, cut) then cut = safe end
        len = redis.call('XLEN', key)
        if len > 0 then redis.call('XTRIM', key, 'MINID', '~', cut, 'LIMIT', len) end
      end
      len = redis.call('XLEN', key)
      if len > hard_trigger then
        -- Consumed entries go first, exactly: whatever the cap removes next is unconsumed.
        if safe ~= nil then redis.call('XTRIM', key, 'MINID', safe) end
        len = redis.call('XLEN', key)
        if len > hard then
          local dropped = redis.call('XTRIM', key, 'MAXLEN', '~', hard, 'LIMIT', len - hard)
          if dropped > 0 and safe ~= nil then
            redis.call('HINCRBY', counter, key, dropped)
            dropped_total = dropped_total + dropped
          end
        end
        len = redis.call('XLEN', key)
      end
      -- Held by a group, or (age) the first node straddles the cut: scan again later, not per batch.
      if (safe ~= nil and len > trigger) or (old and older_than_cut(key)) then status = 1 end
    end
  end
  result[s + 2] = status
end
result[2] = dropped_total
return result
