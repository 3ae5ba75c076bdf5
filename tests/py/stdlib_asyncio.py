# asyncio from CPython's Lib on weft: run, gather, sleep, tasks with a queue, wait_for,
# and streams (start_server / open_connection) over loopback.
import asyncio
async def worker(name, q, out):
    while True:
        item = await q.get()
        if item is None:
            q.task_done(); break
        await asyncio.sleep(0.001)
        out.append((name, item * 2))
        q.task_done()
async def handle(reader, writer):
    data = await reader.readline()
    writer.write(data.upper()); await writer.drain(); writer.close()
async def main():
    r = await asyncio.gather(*(asyncio.sleep(0.01 * i, result=i) for i in range(5)))
    print(r)
    q = asyncio.Queue(); out = []
    ws = [asyncio.create_task(worker(n, q, out)) for n in "ab"]
    for i in range(10): await q.put(i)
    for _ in ws: await q.put(None)
    await q.join(); await asyncio.gather(*ws)
    print(sorted(x for _, x in out))
    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"over loopback\n"); await writer.drain()
    print(await reader.readline())
    writer.close(); await writer.wait_closed()
    srv.close(); await srv.wait_closed()
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.05)
    except asyncio.TimeoutError:
        print("wait_for timed out")
asyncio.run(main())
