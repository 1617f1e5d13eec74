// files.*: the config editor's reads, saves and validations of files inside a running lab's nodes.
import type { Handlers } from '../handlerTypes.js';
import { labNodeContainer } from '../../files/labNode.js';
import { readNodeFile, writeNodeFile } from '../../files/nodeFile.js';
import { saveLearnerCopy } from '../../files/learnerCopy.js';
import { validateNodeFile } from '../../files/validateFile.js';

export const filesHandlers: Handlers = {
  'files.read': async ({ lab, node, path }) => readNodeFile(await labNodeContainer(lab, node), node, path),

  'files.write': async ({ lab, node, path, content }) => {
    const container = await labNodeContainer(lab, node);
    // The host copy first: if the node is stopped or the write fails, the learner's text is still safe.
    await saveLearnerCopy(lab, node, path, content);
    await writeNodeFile(container, node, path, content);
    return { saved: true, ...(await validateNodeFile(container, path, node)) };
  },

  'files.validate': async ({ lab, node, path }) => ({ saved: false, ...(await validateNodeFile(await labNodeContainer(lab, node), path, node)) }),
};
