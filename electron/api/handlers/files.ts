// files.*: the config editor's reads, saves and validations of files inside a running lab's nodes.
import type { Handlers } from '../handlerTypes.js';
import { labNodeContainer } from '../../files/labNode.js';
import { readNodeFile, writeNodeFile } from '../../files/nodeFile.js';
import { saveLearnerCopy } from '../../files/learnerCopy.js';
import { validateNodeFile } from '../../files/validateFile.js';

export const filesHandlers: Handlers = {
  'files.read': async ({ lab, node, path }, ctx) => readNodeFile(await labNodeContainer(ctx.scope.instance(lab), node), node, path),

  'files.write': async ({ lab, node, path, content }, ctx) => {
    const instance = ctx.scope.instance(lab);
    const container = await labNodeContainer(instance, node);
    // The host copy first: if the node is stopped or the write fails, the learner's text is still safe.
    // Kept per instance: in a class, each learner's copy of a lab has its own folder.
    await saveLearnerCopy(instance, node, path, content);
    await writeNodeFile(container, node, path, content);
    return { saved: true, ...(await validateNodeFile(container, path, node)) };
  },

  'files.validate': async ({ lab, node, path }, ctx) => ({ saved: false, ...(await validateNodeFile(await labNodeContainer(ctx.scope.instance(lab), node), path, node)) }),
};
