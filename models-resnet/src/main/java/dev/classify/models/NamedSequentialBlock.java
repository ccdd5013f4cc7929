package dev.classify.models;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * A {@link SequentialBlock} whose children carry names chosen by the builder ({@code stem}, {@code
 * conv1}, {@code bn1}, ...) instead of their class names, so that a layer table or a parameter name
 * such as {@code 02stage1_01block1_01residual_01conv1_weight} says where a layer sits. DJL prefixes
 * each name with the child's two-digit position.
 *
 * <p>Not thread safe while being built; immutable in structure afterwards.
 */
final class NamedSequentialBlock extends SequentialBlock {

    /**
     * Appends {@code block} under {@code name}.
     *
     * @param name a short lower-case name, unique among this block's children
     * @param block the block to run after those already added
     * @return this block
     */
    NamedSequentialBlock add(String name, Block block) {
        addChildBlock(name, block);
        return this;
    }
}
