// A learner does lab 1 in the app, in Debian's Chromium against the browser host (the build in dist/) and
// real containers, from the lab list to every step green, and comes back the next day to the same
// progress. One host, one browser and one lab for the file: each `it` is the next stretch of the same
// afternoon, so a failure names the stretch. Screenshots go to test-artifacts/e2e/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { halab, isolateHome, leftovers, requireDockerAndImage } from '../helpers/integration.js';
import { AppSession } from './pages/AppSession.js';
import { LabListPage } from './pages/LabListPage.js';
import { LabPage } from './pages/LabPage.js';
import { keepalivedConf, labAddress } from './lab1Fixture.js';

const LAB = 'vrrp-pair';
let home: string;
let app: AppSession;
let lab: LabPage;

describe('lab 1 from first run to every check green (Chromium + browser host + real containers)', () => {
  beforeAll(async () => {
    home = isolateHome();
    await requireDockerAndImage();
    app = new AppSession(home, 'e2e');
    await app.start();
  });

  afterAll(async () => {
    await app.close();
    halab(['down', '--all'], { HALAB_HOME: home });
    expect(await leftovers()).toEqual({ containers: 0, networks: 0 });
  });

  it('lists the labs with a tokened URL, opens lab 1 and starts it', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    await app.open();
    const list = new LabListPage(app.page);
    await list.waitFor(LAB);
    await app.shot('01-lab-list');
    await list.open(LAB);
    lab = new LabPage(app.page, LAB);
    await lab.start();
  });

  it("step 1: both configs typed into the nodes' terminals pass Check", async () => {
    await lab.terminals.run('lb01', keepalivedConf(home, 'MASTER', 150, 'lb01'));
    await lab.terminals.run('lb02', keepalivedConf(home, 'BACKUP', 100, 'lb02'));
    await lab.terminals.run('lb02', 'grep -c vrrp_instance /etc/keepalived/keepalived.conf');
    await lab.terminals.see('lb02', '[root@lb02 ~]#');
    await lab.checkPasses(0);
    await app.shot('02-step1-green');
  });

  it('step 2: keepalived started in the terminals, the topology shows lb01 with the VIP, the client pings it', async () => {
    await lab.terminals.run('lb01', 'systemctl start keepalived && systemctl enable keepalived');
    await lab.terminals.run('lb02', 'systemctl start keepalived && systemctl enable keepalived');
    await lab.topology.show();
    await lab.topology.waitVipOn('lb01');
    await lab.terminals.run('client', `ping -c 2 ${labAddress(home, 3)}`);
    await lab.terminals.see('client', '2 received');
    await lab.checkPasses(1);
  });

  it('step 3: the master stopped in its terminal, the topology shows the VIP on lb02', async () => {
    await lab.terminals.run('lb01', 'systemctl stop keepalived');
    await lab.topology.show();
    await lab.topology.waitVipOn('lb02', 15_000);
    await app.shot('04-vip-on-lb02');
    await lab.checkPasses(2);
    await app.shot('05-failover-green');
  });

  it('step 4: lb01 started again takes the VIP back, and the lab is complete', async () => {
    await lab.terminals.run('lb01', 'systemctl start keepalived');
    await lab.topology.show();
    await lab.topology.waitVipOn('lb01', 20_000);
    await lab.checkPasses(3);
    await expect.poll(async () => lab.completion(), { timeout: 10_000 }).toBe('100');
    await app.shot('07-complete');
  });

  it('the next day: a restarted host and a new browser show the same progress', async () => {
    await app.restart();
    await app.open();
    const list = new LabListPage(app.page);
    await list.waitFor(LAB);
    await expect.poll(async () => list.progress(LAB).textContent(), { timeout: 10_000 }).toMatch(/4\s*\/\s*4|100/);
    await app.shot('08-next-day');
  });
});
