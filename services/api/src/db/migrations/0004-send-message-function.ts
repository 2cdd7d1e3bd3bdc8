import { sql, type Kysely } from 'kysely';

/**
 * Issue 7: a send in one round trip. The send's statements (see `messages/send-message.ts`) move into one
 * PL/pgSQL function, called as a single statement: no BEGIN and COMMIT of their own, no round trip per
 * statement. On this machine every round trip costs the API a write syscall and a wakeup, which made up
 * most of a send's CPU. The function is the transaction (a single statement is atomic); an exception rolls
 * all of it back, seq included, so seqs stay gapless.
 *
 * In READ COMMITTED each statement of a volatile function takes a new snapshot, so statement 2 sees a
 * removal that committed while statement 1 waited for the room's lock, exactly as separate statements did.
 *
 * The caller passes the event with every field it knows; the function fills in what only the database
 * knows (seq, revision, time, the sender's name, the quote of a reply) and returns the event as stored,
 * so the answer and the event are one value. Errors are SQLSTATEs of our own (class LC):
 * LC404 not a member (or no such room), LC409 the clientId is taken, LC422 replyTo is not of this room.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function send_message(
      p_id uuid, p_room_id uuid, p_sender_id uuid, p_client_id text, p_body text, p_reply_to uuid, p_event jsonb
    ) returns table (outbox_id bigint, operation jsonb)
    language plpgsql volatile as $fn$
    declare
      v_seq bigint;
      v_revision bigint;
      v_at timestamptz;
      v_name text;
      v_quote jsonb := null;
      v_message jsonb;
      v_event jsonb;
      v_outbox bigint;
    begin
      -- 1. The room's row lock: concurrent senders queue here and each gets the next seq.
      update rooms r
         set last_seq = r.last_seq + 1, revision = r.revision + 1, last_message_id = p_id, last_activity_at = now()
       where r.id = p_room_id
         and exists (select 1 from room_members m where m.room_id = p_room_id and m.user_id = p_sender_id)
      returning r.last_seq, r.revision, r.last_activity_at into v_seq, v_revision, v_at;
      if not found then
        raise exception 'not a member of this room' using errcode = 'LC404';
      end if;

      -- 2. Posting marks the room read for its sender; under the lock, it is also the membership re-check.
      update room_members m
         set last_read_seq = v_seq
        from users u
       where u.id = m.user_id and m.room_id = p_room_id and m.user_id = p_sender_id
      returning u.display_name into v_name;
      if not found then
        raise exception 'not a member of this room' using errcode = 'LC404';
      end if;

      -- A reply quotes its parent as it is now (read under the lock: no edit or delete slips in before).
      if p_reply_to is not null then
        select jsonb_build_object(
                 'id', p.id, 'seq', p.seq,
                 'sender', jsonb_build_object('id', ps.id, 'displayName', ps.display_name),
                 'body', p.body, 'deleted', p.deleted_at is not null)
          into v_quote
          from messages p join users ps on ps.id = p.sender_id
         where p.id = p_reply_to and p.room_id = p_room_id;
        if not found then
          raise exception 'replyTo is not a message of this room' using errcode = 'LC422';
        end if;
      end if;

      -- 3. The message; (sender_id, client_id) is unique, and a taken pair rolls everything back.
      insert into messages (id, room_id, seq, revision, sender_id, client_id, body, reply_to_id, created_at)
      values (p_id, p_room_id, v_seq, v_revision, p_sender_id, p_client_id, p_body, p_reply_to, v_at)
      on conflict (sender_id, client_id) do nothing;
      if not found then
        raise exception 'clientId already used' using errcode = 'LC409';
      end if;

      v_message := (p_event #> '{payload,message}') || jsonb_build_object(
        'seq', v_seq,
        'revision', v_revision,
        'createdAt', to_char(v_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'replyTo', v_quote);
      v_message := jsonb_set(v_message, '{sender,displayName}', to_jsonb(v_name));
      v_event := jsonb_set(p_event, '{payload}', (p_event -> 'payload') || jsonb_build_object(
        'lastSeq', v_seq, 'revision', v_revision, 'message', v_message));
      insert into outbox (operation) values (v_event) returning id into v_outbox;
      return query select v_outbox, v_event;
    end
    $fn$
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function send_message(uuid, uuid, uuid, text, text, uuid, jsonb)`.execute(db);
}
